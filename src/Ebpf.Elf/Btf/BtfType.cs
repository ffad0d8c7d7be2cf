namespace Ebpf.Elf.Btf;

/// <summary>
/// One BTF type. Types refer to each other by id (an index into <see cref="BtfSpec.Types"/>), never by
/// object, because the type graph has cycles (<c>struct node { struct node *next; }</c>).
/// </summary>
/// <param name="Id">The type id: its index in <see cref="BtfSpec.Types"/>; 0 is <c>void</c>.</param>
/// <param name="Name">The name from the string table; empty when anonymous.</param>
public abstract record BtfType(int Id, string Name)
{
    /// <summary>The kernel's kind number for this type.</summary>
    public abstract BtfKind Kind { get; }

    /// <summary>True when the type has no name (pointers, arrays, anonymous structs).</summary>
    public bool IsAnonymous => Name.Length == 0;
}
