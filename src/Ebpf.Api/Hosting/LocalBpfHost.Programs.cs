using Ebpf.Core.Abi;
using Ebpf.Runtime.Programs;
using Ebpf.Service.Contracts;

namespace Ebpf.Api.Hosting;

/// <summary>Programs: show, run, dump, unload.</summary>
public sealed partial class LocalBpfHost
{
    /// <inheritdoc />
    public Task<ProgramInfo[]> ProgramsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<ProgramInfo[]>([.. _programs.Keys.Order().Select(ProgramInfoOf)]);

    /// <inheritdoc />
    public Task<ProgramInfo> ProgramAsync(uint id, CancellationToken cancellationToken = default)
    {
        RequireProgram(id);
        return Task.FromResult(ProgramInfoOf(id));
    }

    /// <inheritdoc />
    public Task UnloadProgramAsync(uint id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var (_, hosted) = RequireProgram(id);
            foreach (var (linkId, entry) in _links.Where(l => l.Value.ProgramId == id).ToList())
            {
                entry.Link.Dispose();
                _links.TryRemove(linkId, out _);
            }

            DetachExecLinksOf(id);

            foreach (var pin in _pins.Values.Where(p => p.Kind == PinInfo.ProgramKind && p.Id == id).ToList())
            {
                _pins.TryRemove(pin.Path, out _);
            }

            _programs.TryRemove(id, out _);
            hosted.ProgramIds.Remove(id);
            CollectIfUnused(hosted);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<RunProgramResponse> RunAsync(uint id, RunProgramRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (program, _) = RequireProgram(id);
        if (request.DataIn is null || request.Repeat is < 1 or > 1_000_000)
        {
            throw HostErrors.Malformed("a run needs data_in and a repeat count from 1 to 1000000");
        }

        var result = program.TestRun(new TestRunOptions(request.DataIn, Repeat: request.Repeat));
        return Task.FromResult(new RunProgramResponse(result.ReturnValue, result.DataOut, result.AverageNanoseconds, result.Fault?.ToString()));
    }

    /// <inheritdoc />
    public Task<XlatedResponse> XlatedAsync(uint id, CancellationToken cancellationToken = default)
    {
        var (program, hosted) = RequireProgram(id);
        return Task.FromResult(new XlatedResponse(XlatedText.Lines(hosted.Loaded.Spec, program.Spec)));
    }

    private (Runtime.Loading.LoadedProgram Program, HostedObject Object) RequireProgram(uint id) =>
        _programs.TryGetValue(id, out var entry) ? entry : throw HostErrors.NotFound($"no program has id {id}");

    private ProgramInfo ProgramInfoOf(uint id)
    {
        var (program, hosted) = _programs[id];
        return new ProgramInfo(id, program.Name, Name(program.Type), program.Spec.SectionName, hosted.Name, program.Code.Count, program.IsVerified,
            [.. hosted.Loaded.Maps.Select(m => m.Id)], PinsOf(PinInfo.ProgramKind, id));
    }

    /// <summary>Frees an object once no program of it is loaded and none of its maps is pinned.</summary>
    private void CollectIfUnused(HostedObject hosted)
    {
        if (hosted.ProgramIds.Count == 0 && !hosted.Loaded.Maps.Any(m => PinsOf(PinInfo.MapKind, m.Id).Length > 0))
        {
            Forget(hosted);
        }
    }

    private void Forget(HostedObject hosted)
    {
        foreach (var id in hosted.ProgramIds)
        {
            _programs.TryRemove(id, out _);
        }

        foreach (var map in hosted.Loaded.Maps)
        {
            _maps.TryRemove(map.Id, out _);
        }

        _objects.TryRemove(hosted.Key, out _);
        hosted.Loaded.Dispose();
    }

    private static string Name(ProgramType type) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());
}
