namespace Ebpf.Core.Abi;

internal static partial class LinuxProgramTypes
{
    /// <summary>
    /// x86-64's <c>struct pt_regs</c> as the uapi header (<c>asm/ptrace.h</c>) lays it out: 21 registers of 8 bytes.
    /// Other architectures have other layouts; this table describes x86-64, the machine clang's <c>__TARGET_ARCH_x86</c>
    /// and libbpf's <c>PT_REGS_PARM*</c> macros address.
    /// </summary>
    private static readonly string[] PtRegs =
    [
        "r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx", "rsi", "rdi",
        "orig_rax", "rip", "cs", "eflags", "rsp", "ss",
    ];

    /// <summary>
    /// <c>BPF_PROG_TYPE_KPROBE</c> (kprobes, kretprobes, uprobes, USDT) on <c>struct pt_regs</c>: the registers of the
    /// probed code, read at any width within a register and never written (the kernel's
    /// <c>kprobe_prog_is_valid_access</c>). Helpers: <c>kprobe_prog_func_proto</c>, that is
    /// <c>bpf_tracing_func_proto</c> plus perf event output, stacks, the probed function's address and the attach
    /// cookie. The return value is ignored (kprobe sessions, 0 or 1, are not described).
    /// </summary>
    public static ProgramTypeDescriptor Kprobe { get; } = new(
        "kprobe",
        (int)ProgramType.Kprobe,
        new ContextLayout("struct pt_regs", PtRegs.Length * 8, [.. PtRegs.Select((r, i) => Scalar(r, i * 8, 8, AnySize))]),
        LinuxHelperSets.TracingWithStacks.Union([HelperId.GetFuncIp, HelperId.GetAttachCookie]),
        new ReturnValueRule(null, []));

    /// <summary>
    /// <c>BPF_PROG_TYPE_PERF_EVENT</c> on <c>struct bpf_perf_event_data</c>: the registers at the sample, read only as
    /// whole 8-byte registers, then the sample period and address, which may also be read narrow (the kernel's
    /// <c>pe_prog_is_valid_access</c>); nothing is written. Helpers: <c>pe_prog_func_proto</c> restricted to helpers
    /// with a prototype here. The return value is ignored.
    /// </summary>
    public static ProgramTypeDescriptor PerfEvent { get; } = new(
        "perf_event",
        (int)ProgramType.PerfEvent,
        new ContextLayout("struct bpf_perf_event_data", PtRegs.Length * 8 + 16,
        [
            Scalar("regs", 0, PtRegs.Length * 8, DoubleWord),
            Scalar("sample_period", PtRegs.Length * 8, 8, AnySize),
            Scalar("addr", PtRegs.Length * 8 + 8, 8, AnySize),
        ]),
        LinuxHelperSets.TracingWithStacks.Add(HelperId.GetAttachCookie),
        new ReturnValueRule(null, []));
}
