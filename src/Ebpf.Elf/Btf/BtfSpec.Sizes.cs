namespace Ebpf.Elf.Btf;

public sealed partial class BtfSpec
{
    /// <summary>The size of a pointer on BPF, in bytes.</summary>
    public const int PointerSize = 8;

    /// <summary>
    /// The type <paramref name="id"/> denotes once typedefs, <c>const</c>, <c>volatile</c>, <c>restrict</c>
    /// and type tags are skipped (libbpf's <c>btf__resolve_type</c> without its size check).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No type has that id.</exception>
    public BtfType Resolve(int id)
    {
        CheckId(id);
        var type = Types[id];
        // Parsing refused loops, so the chain ends; the bound is a second guard, never reached.
        for (var steps = 0; steps <= Types.Length; steps++)
        {
            switch (type)
            {
                case BtfTypedef typedef:
                    type = Types[typedef.Type];
                    break;
                case BtfQualifier qualifier:
                    type = Types[qualifier.Type];
                    break;
                case BtfTypeTag tag:
                    type = Types[tag.Type];
                    break;
                default:
                    return type;
            }
        }

        throw new InvalidOperationException($"type [{id}] is part of a typedef or modifier loop");
    }

    /// <summary>
    /// The size in bytes of an object of type <paramref name="id"/>: the size of ints, floats, enums,
    /// structs, unions and data sections, 8 for pointers, elements times count for arrays, following
    /// typedefs, modifiers, variables and tags (libbpf's <c>btf__resolve_size</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No type has that id.</exception>
    /// <exception cref="InvalidOperationException">The type has no size (<c>void</c>, a function, a prototype, a forward declaration) or its size exceeds 4 GiB.</exception>
    public uint SizeOf(int id)
    {
        CheckId(id);
        return TrySizeOf(id, out var size)
            ? size
            : throw new InvalidOperationException($"type [{id}] {FormatType(id)} ({Types[id].Kind}) has no size, or its size exceeds {uint.MaxValue} bytes");
    }

    /// <summary>The size of type <paramref name="id"/> as <see cref="SizeOf"/> computes it, or false when it has none.</summary>
    public bool TrySizeOf(int id, out uint size)
    {
        size = 0;
        if (id < 0 || id >= Types.Length)
        {
            return false;
        }

        // Multiply array counts along the chain; a count past uint.MaxValue is kept saturated, since
        // only a later zero-length array could bring the product back in range.
        UInt128 multiplier = 1;
        var saturated = (UInt128)uint.MaxValue + 1;
        var type = Types[id];
        for (var steps = 0; steps <= Types.Length; steps++)
        {
            switch (type)
            {
                case BtfInt or BtfFloat or BtfEnum or BtfComposite or BtfDataSection or BtfPointer:
                    return TryScale(ElementSize(type), multiplier, out size);
                case BtfArray array:
                    multiplier = UInt128.Min(multiplier * array.Count, saturated);
                    type = Types[array.ElementType];
                    break;
                case BtfTypedef or BtfQualifier or BtfTypeTag or BtfVariable or BtfDeclTag:
                    type = Types[BtfValidator.ChainNext(type)];
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private static uint ElementSize(BtfType type) => type switch
    {
        BtfInt i => i.Size,
        BtfFloat f => f.Size,
        BtfEnum e => e.Size,
        BtfComposite c => c.Size,
        BtfDataSection d => d.Size,
        _ => PointerSize,
    };

    private static bool TryScale(uint element, UInt128 multiplier, out uint size)
    {
        var total = element * multiplier;
        size = total <= uint.MaxValue ? (uint)total : 0;
        return total <= uint.MaxValue;
    }
}
