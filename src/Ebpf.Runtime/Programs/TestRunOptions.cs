namespace Ebpf.Runtime.Programs;

/// <summary>The input of a test run, as Linux's <c>BPF_PROG_TEST_RUN</c> takes it.</summary>
/// <param name="DataIn">The packet (XDP) or data (raw programs).</param>
/// <param name="ContextIn">The context to start from (<c>struct xdp_md</c> for XDP), or empty for the default.</param>
/// <param name="Repeat">How many times to run; the duration is averaged over them.</param>
public sealed record TestRunOptions(ReadOnlyMemory<byte> DataIn, ReadOnlyMemory<byte> ContextIn = default, int Repeat = 1);
