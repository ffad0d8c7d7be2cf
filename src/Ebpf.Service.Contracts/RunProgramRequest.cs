namespace Ebpf.Service.Contracts;

/// <summary>A test run (<c>bpftool prog run</c>, <c>BPF_PROG_TEST_RUN</c>).</summary>
/// <param name="DataIn">The packet or data.</param>
/// <param name="Repeat">How many times to run it (the result is the last run's).</param>
public sealed record RunProgramRequest(byte[] DataIn, int Repeat = 1);
