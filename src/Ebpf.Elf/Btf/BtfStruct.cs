using System.Collections.Immutable;

namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_STRUCT</c>.</summary>
/// <param name="Id">The type id.</param>
/// <param name="Name">The tag name; empty when anonymous.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Members">The members, in declaration order.</param>
public sealed record BtfStruct(int Id, string Name, uint Size, ImmutableArray<BtfMember> Members) : BtfComposite(Id, Name, Size, Members)
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Struct;
}
