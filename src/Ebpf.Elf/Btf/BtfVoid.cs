namespace Ebpf.Elf.Btf;

/// <summary>Type id 0: <c>void</c>. It is not stored in the section; every <see cref="BtfSpec"/> has it first.</summary>
public sealed record BtfVoid() : BtfType(0, "")
{
    /// <summary>The one instance.</summary>
    public static BtfVoid Instance { get; } = new();

    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.Void;
}
