namespace Ebpf.Core.Abi;

internal static partial class LinuxProgramTypes
{
    /// <summary>
    /// The raw program type, this platform's own: plain computation over a context that is any block of memory
    /// the run provides (the conformance suite's programs, <c>ebpf run</c>). It takes Linux's
    /// <c>BPF_PROG_TYPE_UNSPEC</c> number, which no Linux program can load, so programs without a type map to it;
    /// loaders must still refuse ELF sections they could not classify. Helpers: every one that needs neither a
    /// packet nor a socket. Any return value is accepted.
    /// </summary>
    public static ProgramTypeDescriptor Raw { get; } = new(
        "raw",
        (int)ProgramType.Unspecified,
        ContextLayout.MemoryBlock,
        LinuxHelperSets.Raw,
        new ReturnValueRule(null, []));
}
