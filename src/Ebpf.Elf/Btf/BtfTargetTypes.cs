using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Ebpf.Core.Types;

namespace Ebpf.Elf.Btf;

/// <summary>
/// A <see cref="BtfSpec"/> seen as Core's <see cref="ITargetTypes"/>, the view the verifier types kernel objects with
/// (<c>VerifierOptions.TargetTypes</c>): the verifier references only Core, so the BTF reader lends it this. Types are
/// converted when first asked for and kept, so a kernel's hundred thousand types cost only those a program reaches.
/// </summary>
public sealed class BtfTargetTypes : ITargetTypes
{
    private static readonly ConditionalWeakTable<BtfSpec, BtfTargetTypes> Views = [];
    private readonly BtfSpec _btf;
    private readonly ConcurrentDictionary<int, TargetType> _resolved = new();

    private BtfTargetTypes(BtfSpec btf) => _btf = btf;

    /// <summary>The view of <paramref name="btf"/>, one per spec (its conversions shared by every verification).</summary>
    public static BtfTargetTypes Of(BtfSpec btf)
    {
        ArgumentNullException.ThrowIfNull(btf);
        return Views.GetValue(btf, b => new BtfTargetTypes(b));
    }

    /// <summary>The view of the target BTF the read options use (the running kernel's by default), or null when there is none.</summary>
    public static BtfTargetTypes? Of(ObjectReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.EffectiveTargetBtf is { } btf ? Of(btf) : null;
    }

    /// <inheritdoc/>
    public TargetType? Resolve(int id)
    {
        if (id < 0 || id >= _btf.Types.Length)
        {
            return null;
        }

        return _resolved.GetOrAdd(id, static (key, btf) => Convert(btf.Resolve(key)), _btf);
    }

    /// <inheritdoc/>
    public int? Find(string name, TargetTypeKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        var btfKind = kind switch
        {
            TargetTypeKind.Struct => BtfKind.Struct,
            TargetTypeKind.Union => BtfKind.Union,
            TargetTypeKind.Function => BtfKind.Function,
            TargetTypeKind.Typedef => BtfKind.Typedef,
            _ => (BtfKind?)null,
        };
        return btfKind is { } k && _btf.FindByName(name, k) is { } type ? type.Id : null;
    }

    private static TargetType Convert(BtfType type) => type switch
    {
        BtfVoid => new(0, TargetTypeKind.Void, "", 0, 0, 0, []),
        BtfInt i => new(i.Id, TargetTypeKind.Integer, i.Name, i.Size, 0, 0, []),
        BtfEnum e => new(e.Id, TargetTypeKind.Enum, e.Name, e.Size, 0, 0, []),
        BtfFloat f => new(f.Id, TargetTypeKind.Float, f.Name, f.Size, 0, 0, []),
        BtfPointer p => new(p.Id, TargetTypeKind.Pointer, "", BtfSpec.PointerSize, p.Type, 0, []),
        BtfArray a => new(a.Id, TargetTypeKind.Array, "", 0, a.ElementType, a.Count, []),
        BtfComposite c => new(c.Id, c is BtfUnion ? TargetTypeKind.Union : TargetTypeKind.Struct, c.Name, c.Size, 0, 0,
            [.. c.Members.Select(m => new TargetMember(m.Name, m.Type, m.BitOffset, m.BitfieldSize))]),
        BtfFunction f => new(f.Id, TargetTypeKind.Function, f.Name, 0, f.Type, 0, []),
        BtfFunctionProto p => new(p.Id, TargetTypeKind.FunctionProto, "", 0, p.ReturnType, 0,
            [.. p.Parameters.Select(m => new TargetMember(m.Name, m.Type, 0, 0))]),
        BtfForward f => new(f.Id, TargetTypeKind.Forward, f.Name, 0, 0, 0, []),
        _ => new(type.Id, TargetTypeKind.Other, type.Name, 0, 0, 0, ImmutableArray<TargetMember>.Empty),
    };
}
