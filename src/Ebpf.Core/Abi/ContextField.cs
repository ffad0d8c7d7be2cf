using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>
/// A field of a program type's context structure and how programs of that type may access it, as the
/// kernel's <c>*_is_valid_access</c> callbacks decide. A field whose read and write sizes are both
/// <see cref="AccessSizes.None"/> is part of the layout but closed to the program type.
/// </summary>
/// <param name="Name">The member's name in the C structure (<c>data_end</c>, <c>user_ip6</c>).</param>
/// <param name="Offset">Byte offset in the structure.</param>
/// <param name="Size">Size in bytes; arrays (<c>cb[5]</c>, <c>user_ip6[4]</c>) are one field.</param>
/// <param name="Kind">What a load of the field gives.</param>
/// <param name="ReadSizes">
/// The load widths allowed. Widths below the field's natural size are the kernel's narrow loads; an
/// 8-byte width over an array of 32-bit values is its wide access.
/// </param>
/// <param name="WriteSizes">The store widths allowed; <see cref="AccessSizes.None"/> for a read-only field.</param>
public sealed record ContextField(string Name, int Offset, int Size, ContextFieldKind Kind, AccessSizes ReadSizes, AccessSizes WriteSizes)
{
    /// <summary>
    /// The attach types, in the platform's numbering, whose programs may access the field at all; empty
    /// when every attach type may (the kernel hides <c>bpf_sock_addr.user_ip6</c> from IPv4 hooks).
    /// </summary>
    public ImmutableArray<int> AttachTypes { get; init; } = [];

    /// <summary>One past the field's last byte.</summary>
    public int End => Offset + Size;

    /// <summary>True when some load of the field is allowed.</summary>
    public bool IsReadable => ReadSizes != AccessSizes.None;

    /// <summary>True when some store to the field is allowed.</summary>
    public bool IsWritable => WriteSizes != AccessSizes.None;

    /// <summary>True when the field holds a pointer rather than a number.</summary>
    public bool IsPointer => Kind != ContextFieldKind.Scalar;

    /// <summary>True when a program with expected attach type <paramref name="attachType"/> (null: none) may access the field.</summary>
    public bool IsAvailableFor(int? attachType) =>
        AttachTypes.IsEmpty || (attachType is { } type && AttachTypes.Contains(type));

    /// <summary>
    /// True when a load (or store) of <paramref name="size"/> bytes at context offset <paramref name="offset"/>
    /// is allowed: it lies inside the field, is aligned to its size, has an allowed width, and the attach type
    /// may see the field.
    /// </summary>
    public bool Allows(int offset, int size, bool isWrite, int? attachType)
    {
        if (size is not (1 or 2 or 4 or 8) || offset < Offset || offset + size > End || offset % size != 0)
        {
            return false;
        }

        var sizes = isWrite ? WriteSizes : ReadSizes;
        return sizes.HasFlag((AccessSizes)size) && IsAvailableFor(attachType);
    }
}
