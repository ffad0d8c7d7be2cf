using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Programs;

namespace Ebpf.Api;

/// <summary>A program of a <see cref="BpfObject"/>, as libbpf's <c>struct bpf_program</c>: adjustable before load, runnable after.</summary>
public sealed class BpfProgram
{
    private readonly BpfObject _owner;
    private ProgramType _type;
    private bool _autoLoad = true;

    internal BpfProgram(BpfObject owner, ProgramSpec spec)
    {
        _owner = owner;
        Spec = spec;
        _type = spec.Type;
    }

    /// <summary>Its name (<c>bpf_program__name</c>).</summary>
    public string Name => Spec.Name;

    /// <summary>Its ELF section (<c>bpf_program__section_name</c>).</summary>
    public string SectionName => Spec.SectionName;

    /// <summary>What the object holds for it.</summary>
    public ProgramSpec Spec { get; }

    /// <summary>Its program type; settable before load, as <c>bpf_program__set_type</c>, for sections libbpf does not classify.</summary>
    public ProgramType Type
    {
        get => _type;
        set
        {
            _owner.ThrowIfLoaded();
            _type = value;
        }
    }

    /// <summary>Whether <see cref="BpfObject.Load"/> loads it (<c>bpf_program__set_autoload</c>).</summary>
    public bool AutoLoad
    {
        get => _autoLoad;
        set
        {
            _owner.ThrowIfLoaded();
            _autoLoad = value;
        }
    }

    /// <summary>The loaded program, once its object is loaded and if it was.</summary>
    public LoadedProgram? Loaded { get; internal set; }

    /// <summary>Runs it on input, as <c>bpf_prog_test_run_opts</c>.</summary>
    /// <exception cref="InvalidOperationException">The program is not loaded.</exception>
    public TestRunResult TestRun(TestRunOptions options) => Live.TestRun(options);

    /// <summary>Runs it once on a request of its own making (context and regions).</summary>
    public ExecutionResult Run(in ExecutionRequest request) => Live.Run(request);

    /// <summary>
    /// Attaches it to a live Linux interface (<c>bpf_program__attach_xdp</c>), optionally as a bridge to a peer;
    /// the object's maps stay readable while it runs, and disposing the link detaches it.
    /// </summary>
    /// <exception cref="Core.Diagnostics.DiagnosticException">Not an XDP program, no such interface, or no packet sockets (not Linux, not root).</exception>
    public Hooks.Xdp.Live.XdpLink AttachXdp(Hooks.Xdp.Live.XdpAttachOptions options) => Hooks.Xdp.Live.XdpLink.Attach(Live, options);

    private LoadedProgram Live => Loaded ?? throw new InvalidOperationException($"program '{Name}' is not loaded");
}
