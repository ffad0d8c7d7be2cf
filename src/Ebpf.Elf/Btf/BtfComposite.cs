using System.Collections.Immutable;

namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_STRUCT</c> or <c>BTF_KIND_UNION</c>: a size and members (vlen of them).</summary>
/// <param name="Id">The type id.</param>
/// <param name="Name">The tag name; empty when anonymous.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Members">The members, in declaration order.</param>
public abstract record BtfComposite(int Id, string Name, uint Size, ImmutableArray<BtfMember> Members) : BtfType(Id, Name)
{
    /// <summary>The first member named <paramref name="name"/>, or null.</summary>
    public BtfMember? FindMember(string name)
    {
        foreach (var member in Members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        return null;
    }
}
