namespace Ebpf.Elf.Btf;

/// <summary>A C qualifier: <see cref="BtfConst"/>, <see cref="BtfVolatile"/> or <see cref="BtfRestrict"/>. It has no name.</summary>
/// <param name="Id">The type id.</param>
/// <param name="Type">The qualified type id.</param>
public abstract record BtfQualifier(int Id, int Type) : BtfType(Id, "")
{
    /// <summary>The C keyword: <c>const</c>, <c>volatile</c> or <c>restrict</c>.</summary>
    public abstract string Keyword { get; }
}
