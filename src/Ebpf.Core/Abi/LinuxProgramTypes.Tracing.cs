namespace Ebpf.Core.Abi;

internal static partial class LinuxProgramTypes
{
    /// <summary>
    /// <c>BPF_PROG_TYPE_TRACING</c>: fentry, fexit and fmod_ret programs on a kernel function, BTF-typed raw tracepoints
    /// (<c>tp_btf</c>) and iterators. The context is the function's arguments as an array of <c>__u64</c> (fexit and
    /// fmod_ret also see the return value after them), read at any aligned width and never written, as
    /// <c>bpf_tracing_ctx_access</c> allows. The kernel also types each argument from the target's BTF, so that a
    /// pointer argument can be dereferenced directly (<c>PTR_TO_BTF_ID</c>); the verifier does so when given the kernel's
    /// types, and otherwise (loading to run, where no kernel object exists) sees every argument as a number and refuses a
    /// load through one as a BTF-typed pointer (<see cref="ProgramTypeDescriptor.HasBtfTypedArguments"/>), not as memory
    /// corruption. Helpers: <c>tracing_prog_func_proto</c> restricted to helpers with a prototype here. Return value: 0
    /// for fentry and fexit, as the kernel's <c>check_return_code</c> demands; fmod_ret's becomes the function's return
    /// value, and tp_btf's is ignored.
    /// </summary>
    public static ProgramTypeDescriptor Tracing { get; } = new(
        "tracing",
        (int)ProgramType.Tracing,
        TracingArguments,
        LinuxHelperSets.TracingWithStacks.Union([HelperId.GetFuncIp, HelperId.GetAttachCookie]),
        new ReturnValueRule(null, [new(0, "done", "fentry and fexit programs must return 0")])
        {
            AttachTypeRanges = [new(Attach(AttachType.TraceFentry, AttachType.TraceFexit), new ValueRange(0, 0))],
        })
    {
        AttachTypes = Attach(AttachType.TraceRawTp, AttachType.TraceFentry, AttachType.TraceFexit, AttachType.ModifyReturn, AttachType.TraceIter),
        HasBtfTypedArguments = true,
    };
}
