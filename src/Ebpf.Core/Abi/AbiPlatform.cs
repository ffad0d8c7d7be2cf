namespace Ebpf.Core.Abi;

/// <summary>
/// Whose numbering a program was written for: which <see cref="AbiTable"/> gives meaning to its program type, its
/// helper calls and its context. The same instructions mean different things on each (<c>call 5</c> is
/// <c>bpf_ktime_get_ns</c> on Linux and <c>bpf_tail_call</c> on eBPF for Windows).
/// </summary>
public enum AbiPlatform
{
    /// <summary>Linux's numbering (<c>include/uapi/linux/bpf.h</c>), what clang and libbpf headers produce: <see cref="AbiTable.Linux"/>.</summary>
    Linux,

    /// <summary>eBPF for Windows' numbering (<c>ebpf_structs.h</c>, <c>ebpf_nethooks.h</c>): <see cref="AbiTable.Windows"/>.</summary>
    Windows,
}
