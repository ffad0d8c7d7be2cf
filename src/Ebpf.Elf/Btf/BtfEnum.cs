using System.Collections.Immutable;

namespace Ebpf.Elf.Btf;

/// <summary>
/// <c>BTF_KIND_ENUM</c> (32-bit values) or <c>BTF_KIND_ENUM64</c>. kind_flag set means signed; compilers
/// before ENUM64 (clang 14) never set it, so their negative enumerators read as large unsigned values,
/// as bpftool prints them.
/// </summary>
/// <param name="Id">The type id.</param>
/// <param name="Name">The tag name; empty when anonymous.</param>
/// <param name="Size">Size in bytes: 1, 2, 4 or 8.</param>
/// <param name="IsSigned">kind_flag: the values are signed.</param>
/// <param name="Is64Bit">True for <c>BTF_KIND_ENUM64</c>.</param>
/// <param name="Values">The enumerators, in declaration order.</param>
public sealed record BtfEnum(int Id, string Name, uint Size, bool IsSigned, bool Is64Bit, ImmutableArray<BtfEnumValue> Values) : BtfType(Id, Name)
{
    /// <inheritdoc />
    public override BtfKind Kind => Is64Bit ? BtfKind.Enum64 : BtfKind.Enum;

    /// <summary>The first enumerator named <paramref name="name"/>, or null.</summary>
    public BtfEnumValue? FindValue(string name)
    {
        foreach (var value in Values)
        {
            if (value.Name == name)
            {
                return value;
            }
        }

        return null;
    }
}
