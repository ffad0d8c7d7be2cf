namespace Ebpf.Runtime.Compilation;

/// <summary>
/// A compiled eBPF function: r1 to r5 in, r0 out, with the top of its 512-byte frame and the run's state.
/// </summary>
internal delegate ulong JitEntry(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, ulong framePointer, ref JitState state);
