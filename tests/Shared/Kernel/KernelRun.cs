namespace Ebpf.Testing;

/// <summary>What the kernel's test run gave: r0, the packet and context out (empty when not asked for), and every map of the program (key hex to value hex).</summary>
internal sealed record KernelRun(ulong Result, byte[] DataOut, byte[] ContextOut, Dictionary<string, Dictionary<string, string>> Maps);
