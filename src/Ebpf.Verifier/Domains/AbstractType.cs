namespace Ebpf.Verifier.Domains;

/// <summary>The type of one register or stack cell: its kind and the facts that go with it.</summary>
/// <param name="Kind">What it holds.</param>
/// <param name="Map">
/// For map values, keys and map pointers: the index of the map in the program's maps; otherwise -1. A map value that
/// may lie in any of several maps of one <paramref name="Layout"/> (paths that looked up different maps met) has -1.
/// </param>
/// <param name="MaybeNull">True for a pointer that may still be null (a lookup result not yet compared with 0).</param>
/// <param name="NullId">
/// For a pointer that may be null, the slot of the call that produced it: a comparison with 0 refines every copy with the
/// same id, as the kernel's <c>reg->id</c> does.
/// </param>
/// <param name="Size">For records, their reserved size; for functions, the slot of the function; otherwise 0.</param>
/// <param name="Released">For records, true once submitted or discarded on some path: the pointer may still be compared, never used.</param>
/// <param name="Layout">
/// For map values: the index of the first map whose values the checks cannot tell from this map's (same value size,
/// same writability, same contents when read-only), so that values of different maps of one layout join into one type
/// whose accesses are checked against that map; otherwise -1.
/// </param>
/// <param name="TypeId">For BTF objects, the id of their struct or union in the target BTF; otherwise 0.</param>
/// <param name="Untrusted">
/// For BTF objects, true when read from another BTF object (the kernel's <c>PTR_UNTRUSTED</c>): it may be read through,
/// not given to helpers.
/// </param>
internal readonly record struct AbstractType(
    ValueKind Kind, int Map = -1, bool MaybeNull = false, int NullId = -1, int Size = 0, bool Released = false, int Layout = -1,
    int TypeId = 0, bool Untrusted = false)
{
    /// <summary>Never written.</summary>
    public static AbstractType Uninitialized { get; } = new(ValueKind.Uninitialized);

    /// <summary>A number.</summary>
    public static AbstractType Number { get; } = new(ValueKind.Number);

    /// <summary>Written with different kinds on different paths.</summary>
    public static AbstractType Mixed { get; } = new(ValueKind.Mixed);

    /// <summary>True for every kind that points somewhere.</summary>
    public bool IsPointer => Kind > ValueKind.Mixed;

    /// <summary>True for pointers whose offset is a numeric variable that may change with arithmetic.</summary>
    public bool HasOffset => Kind is ValueKind.Context or ValueKind.Stack or ValueKind.Packet or ValueKind.PacketMeta
        or ValueKind.MapValue or ValueKind.MapKey or ValueKind.Record or ValueKind.PacketEnd or ValueKind.BtfObject;

    /// <summary>True when the value is initialized (anything but <see cref="ValueKind.Uninitialized"/>).</summary>
    public bool IsInitialized => Kind != ValueKind.Uninitialized;

    /// <summary>
    /// The least type that covers both: equal types stay, pointers that may be null join their flags (a BTF object read
    /// from another on one path is untrusted after the join), values of maps of one
    /// layout become a value of one of those maps, any other pair is mixed.
    /// </summary>
    public static AbstractType Join(AbstractType a, AbstractType b)
    {
        if (a == b)
        {
            return a;
        }

        if (a.Kind == ValueKind.Uninitialized || b.Kind == ValueKind.Uninitialized)
        {
            return Uninitialized;
        }

        if (a.Kind == b.Kind && a.Size == b.Size && a.Layout == b.Layout && a.TypeId == b.TypeId && (a.Map == b.Map || (a.Kind == ValueKind.MapValue && a.Layout >= 0)))
        {
            return a with
            {
                Map = a.Map == b.Map ? a.Map : -1,
                MaybeNull = a.MaybeNull || b.MaybeNull,
                NullId = a.NullId == b.NullId ? a.NullId : -1,
                Released = a.Released || b.Released,
                Untrusted = a.Untrusted || b.Untrusted,
            };
        }

        return Mixed;
    }

    /// <summary>True when every value of <paramref name="a"/> is a value of <paramref name="b"/>.</summary>
    public static bool LessOrEqual(AbstractType a, AbstractType b) => Join(a, b) == b;
}
