namespace Ebpf.Core.Isa;

/// <summary>The broad family of an <see cref="Operation"/>.</summary>
public enum OperationKind : byte
{
    /// <summary>Arithmetic, logic, moves and byte swaps: writes the destination register.</summary>
    Arithmetic,
    /// <summary>Conditional and unconditional jumps.</summary>
    Jump,
    /// <summary>Helper, local, kfunc and indirect calls.</summary>
    Call,
    /// <summary>Return from a function or the program.</summary>
    Exit,
    /// <summary>Loads into a register (<c>ldx</c>, <c>lddw</c>, legacy packet loads).</summary>
    Load,
    /// <summary>Stores to memory.</summary>
    Store,
    /// <summary>Atomic read-modify-write on memory.</summary>
    Atomic,
}
