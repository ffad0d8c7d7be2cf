namespace Ebpf.Elf.Btf;

/// <summary>The <c>BTF_INT_*</c> encoding bits of an integer; at most one is set.</summary>
[Flags]
public enum BtfIntEncoding
{
    /// <summary>Unsigned.</summary>
    None = 0,
    /// <summary><c>BTF_INT_SIGNED</c>.</summary>
    Signed = 1,
    /// <summary><c>BTF_INT_CHAR</c>: for pretty-printing only.</summary>
    Char = 2,
    /// <summary><c>BTF_INT_BOOL</c>: for pretty-printing only.</summary>
    Bool = 4,
}
