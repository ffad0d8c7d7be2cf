namespace Ebpf.Core.Abi;

/// <summary>One argument of a helper prototype.</summary>
/// <param name="Kind">What the argument must be.</param>
/// <param name="MayBeNull">True when zero is accepted too: the kernel's <c>PTR_MAYBE_NULL</c> flag (<c>ARG_PTR_TO_MEM_OR_NULL</c>, <c>ARG_PTR_TO_STACK_OR_NULL</c>).</param>
public sealed record HelperArgument(HelperArgumentKind Kind, bool MayBeNull = false)
{
    /// <summary>True for the memory pointers that the next argument sizes.</summary>
    public bool IsSizedMemory => Kind is HelperArgumentKind.PointerToReadableMemory
        or HelperArgumentKind.PointerToWritableMemory or HelperArgumentKind.PointerToUninitMemory;

    /// <summary>True for the size arguments that bound the preceding memory pointer.</summary>
    public bool IsSize => Kind is HelperArgumentKind.ConstSize or HelperArgumentKind.ConstSizeOrZero;

    /// <summary>For <see cref="HelperArgumentKind.PointerToBtfObject"/>, the struct's name in the kernel's BTF (<c>task_struct</c>).</summary>
    public string? BtfStruct { get; init; }

    /// <inheritdoc />
    public override string ToString() => MayBeNull ? $"{Kind}OrNull" : Kind.ToString();
}
