using Ebpf.Service.Contracts;

namespace Ebpf.Api.Hosting;

/// <summary>
/// Where programs, maps, links and pins live: in this process (<see cref="LocalBpfHost"/>) or in the service
/// <c>ebpfd</c> (<see cref="ServiceBpfHost"/>). Both speak the service's contract, so code written against this
/// interface (the CLI, tests, embedders) runs on either; <see cref="BpfHost.Connect"/> chooses with one option.
/// </summary>
/// <remarks>Refusals throw <see cref="Core.Diagnostics.DiagnosticException"/> whose codes are the same on both hosts.</remarks>
public interface IBpfHost : IDisposable
{
    /// <summary>The host's status and what the caller may do.</summary>
    Task<ServiceStatus> StatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Verifies and loads an object's programs and maps, pinning as asked.</summary>
    Task<LoadObjectResponse> LoadAsync(LoadObjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every loaded program.</summary>
    Task<ProgramInfo[]> ProgramsAsync(CancellationToken cancellationToken = default);

    /// <summary>The program with this id.</summary>
    Task<ProgramInfo> ProgramAsync(uint id, CancellationToken cancellationToken = default);

    /// <summary>Unloads a program: its pins and links go with it; its object's maps are freed once nothing uses them.</summary>
    Task UnloadProgramAsync(uint id, CancellationToken cancellationToken = default);

    /// <summary>Runs a program once on data (<c>BPF_PROG_TEST_RUN</c>).</summary>
    Task<RunProgramResponse> RunAsync(uint id, RunProgramRequest request, CancellationToken cancellationToken = default);

    /// <summary>A program's instructions as loaded.</summary>
    Task<XlatedResponse> XlatedAsync(uint id, CancellationToken cancellationToken = default);

    /// <summary>Every live map.</summary>
    Task<MapInfo[]> MapsAsync(CancellationToken cancellationToken = default);

    /// <summary>The map with this id.</summary>
    Task<MapInfo> MapAsync(uint id, CancellationToken cancellationToken = default);

    /// <summary>Creates a map.</summary>
    Task<MapInfo> CreateMapAsync(CreateMapRequest request, CancellationToken cancellationToken = default);

    /// <summary>The value at a key.</summary>
    Task<byte[]> LookupAsync(uint id, byte[] key, CancellationToken cancellationToken = default);

    /// <summary>Writes a value.</summary>
    Task UpdateAsync(uint id, MapUpdateRequest request, CancellationToken cancellationToken = default);

    /// <summary>Deletes a key.</summary>
    Task DeleteAsync(uint id, byte[] key, CancellationToken cancellationToken = default);

    /// <summary>The key after <paramref name="key"/> (the first for null), or null after the last.</summary>
    Task<byte[]?> NextKeyAsync(uint id, byte[]? key, CancellationToken cancellationToken = default);

    /// <summary>Every element of an iterable map.</summary>
    Task<MapEntry[]> DumpAsync(uint id, CancellationToken cancellationToken = default);

    /// <summary>Pins a program or a map at a path.</summary>
    Task PinAsync(PinRequest request, CancellationToken cancellationToken = default);

    /// <summary>Removes a pin; a map or program that nothing else holds is freed with it.</summary>
    Task UnpinAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>What is pinned at a path.</summary>
    Task<PinInfo> PinnedAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Every link.</summary>
    Task<LinkInfo[]> LinksAsync(CancellationToken cancellationToken = default);

    /// <summary>Attaches an XDP program to an interface; it stays attached until detached, whoever asked.</summary>
    Task<LinkInfo> AttachXdpAsync(AttachXdpRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Attaches socket address programs to a command started under the socket hooks (<c>SupervisedLaunch</c>), whose
    /// seccomp listener is a descriptor of this process: the host supervises it until every process of the command has
    /// exited, or the link is detached. Release the command, and close this process's copy, once this returns.
    /// </summary>
    Task<LinkInfo> AttachExecAsync(AttachExecRequest request, CancellationToken cancellationToken = default);

    /// <summary>Detaches a link (an <c>exec</c> link's command keeps its filter; its later calls proceed unchanged).</summary>
    Task DetachAsync(uint id, CancellationToken cancellationToken = default);
}
