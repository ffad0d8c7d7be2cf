using System.Collections.Immutable;

namespace Ebpf.Runtime.Helpers;

/// <summary>An immutable set of helpers by number; engines look helpers up here once, when a program is prepared or called.</summary>
public sealed class HelperTable
{
    /// <summary>The highest general helper number accepted; Linux numbers stay far below it.</summary>
    public const int MaxId = 0xffff;

    /// <summary>
    /// How many program-type-specific helpers a table holds above <see cref="MaxId"/>: eBPF for Windows numbers each
    /// extension's own helpers from 65536 (<c>EBPF_MAX_GENERAL_HELPER_FUNCTION + 1</c>), a handful per type.
    /// </summary>
    public const int MaxSpecific = 0xff;

    private readonly HelperDefinition?[] _byId;
    private readonly HelperDefinition?[] _specific;

    private HelperTable(HelperDefinition?[] byId, HelperDefinition?[] specific) => (_byId, _specific) = (byId, specific);

    /// <summary>A table without helpers.</summary>
    public static HelperTable Empty { get; } = new([], []);

    /// <summary>Every helper, by number.</summary>
    public ImmutableArray<HelperDefinition> All => [.. _byId.OfType<HelperDefinition>(), .. _specific.OfType<HelperDefinition>()];

    /// <summary>A copy of this table with <paramref name="helper"/> added or replacing the helper of the same number.</summary>
    public HelperTable With(HelperDefinition helper)
    {
        ArgumentNullException.ThrowIfNull(helper);
        ArgumentOutOfRangeException.ThrowIfNegative(helper.Id);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(helper.Id, MaxId + 1 + MaxSpecific);
        var specific = helper.Id > MaxId;
        var (current, index) = specific ? (_specific, helper.Id - MaxId - 1) : (_byId, helper.Id);
        var copy = new HelperDefinition?[Math.Max(current.Length, index + 1)];
        current.CopyTo(copy, 0);
        copy[index] = helper;
        return specific ? new HelperTable(_byId, copy) : new HelperTable(copy, _specific);
    }

    /// <summary>A copy of this table with a helper added.</summary>
    public HelperTable With(int id, string name, HelperFunction function) => With(new HelperDefinition(id, name, function));

    /// <summary>The helper numbered <paramref name="id"/>, or null.</summary>
    public HelperDefinition? Find(long id) =>
        id >= 0 && id < _byId.Length ? _byId[id]
        : id > MaxId && id - MaxId - 1 < _specific.Length ? _specific[id - MaxId - 1]
        : null;
}
