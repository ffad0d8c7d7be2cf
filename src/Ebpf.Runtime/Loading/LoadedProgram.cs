using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;
using Ebpf.Runtime.Programs;

namespace Ebpf.Runtime.Loading;

/// <summary>A program ready to run: relocated against its object's live maps and prepared by an engine.</summary>
public sealed class LoadedProgram
{
    private readonly ImmutableArray<MemoryRegion> _mapRegions;

    internal LoadedProgram(ProgramSpec spec, DecodedProgram code, IExecutable executable, ImmutableArray<MemoryRegion> mapRegions)
    {
        Spec = spec;
        Code = code;
        Executable = executable;
        _mapRegions = mapRegions;
    }

    /// <summary>Its name.</summary>
    public string Name => Spec.Name;

    /// <summary>Its program type.</summary>
    public ProgramType Type => Spec.Type;

    /// <summary>What it was loaded from.</summary>
    public ProgramSpec Spec { get; }

    /// <summary>Its instructions as loaded: map references resolved to addresses.</summary>
    public DecodedProgram Code { get; }

    /// <summary>True when the verifier proved it safe before it was loaded; false when it was loaded with <see cref="LoadOptions.AllowUnverified"/> and runs in the checked interpreter.</summary>
    public bool IsVerified { get; init; }

    /// <summary>The engine's form of it.</summary>
    public IExecutable Executable { get; }

    /// <summary>The memory of its object's maps, which a run's regions must include in checked mode; hooks that build one request and reuse it add these once.</summary>
    public ImmutableArray<MemoryRegion> MapRegions => _mapRegions;

    /// <summary>Runs it once on a request, with its maps' memory added to the regions it may touch.</summary>
    public ExecutionResult Run(in ExecutionRequest request) =>
        Executable.Run(request with { Regions = request.Regions.IsDefaultOrEmpty ? _mapRegions : request.Regions.AddRange(_mapRegions) });

    /// <summary>A test run, as Linux's <c>BPF_PROG_TEST_RUN</c>: maps keep their state from run to run.</summary>
    public TestRunResult TestRun(TestRunOptions options) => Programs.TestRun.Run(Executable, Spec.Platform, (int)Type, options, _mapRegions);
}
