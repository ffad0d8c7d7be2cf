namespace Ebpf.Runtime.Compilation;

/// <summary>
/// A compiled eBPF function: r1 to r5 in, r0 out, with the top of its 512-byte frame and the run's state. The JIT's
/// dynamic methods and the static methods of ahead-of-time generated code (<see cref="Native.NativeProgram"/>) both
/// have this shape, so one <see cref="JitProgram"/> runs either.
/// </summary>
/// <remarks>
/// The order puts what every function uses in registers (System V passes six; the constants object is the first):
/// r1, the frame pointer and the state, then r2 to r5, of which only local calls pass more than r1, so r4 and r5 are
/// the ones read from the stack.
/// </remarks>
/// <param name="r1">r1 on entry.</param>
/// <param name="framePointer">r10: the top of the function's frame.</param>
/// <param name="state">The run's state.</param>
/// <param name="r2">r2 on entry.</param>
/// <param name="r3">r3 on entry.</param>
/// <param name="r4">r4 on entry.</param>
/// <param name="r5">r5 on entry.</param>
/// <returns>r0 at exit (0 when the function unwound: see the state).</returns>
public delegate ulong JitEntry(ulong r1, ulong framePointer, ref JitState state, ulong r2, ulong r3, ulong r4, ulong r5);
