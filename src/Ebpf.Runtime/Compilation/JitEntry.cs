namespace Ebpf.Runtime.Compilation;

/// <summary>
/// A compiled eBPF function: r1 to r5 in, r0 out, with the top of its 512-byte frame and the run's state.
/// </summary>
/// <remarks>
/// The order puts what every function uses in registers (System V passes six; the constants object is the first):
/// r1, the frame pointer and the state, then r2 to r5, of which only local calls pass more than r1, so r4 and r5 are
/// the ones read from the stack.
/// </remarks>
internal delegate ulong JitEntry(ulong r1, ulong framePointer, ref JitState state, ulong r2, ulong r3, ulong r4, ulong r5);
