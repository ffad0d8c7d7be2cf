using System.Collections.Immutable;

namespace Ebpf.Runtime.Helpers;

/// <summary>An immutable set of helpers by number; engines look helpers up here once, when a program is prepared or called.</summary>
public sealed class HelperTable
{
    /// <summary>The highest helper number accepted; Linux numbers stay far below it.</summary>
    public const int MaxId = 0xffff;

    private readonly HelperDefinition?[] _byId;

    private HelperTable(HelperDefinition?[] byId) => _byId = byId;

    /// <summary>A table without helpers.</summary>
    public static HelperTable Empty { get; } = new([]);

    /// <summary>Every helper, by number.</summary>
    public ImmutableArray<HelperDefinition> All => [.. _byId.OfType<HelperDefinition>()];

    /// <summary>A copy of this table with <paramref name="helper"/> added or replacing the helper of the same number.</summary>
    public HelperTable With(HelperDefinition helper)
    {
        ArgumentNullException.ThrowIfNull(helper);
        ArgumentOutOfRangeException.ThrowIfNegative(helper.Id);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(helper.Id, MaxId);
        var byId = new HelperDefinition?[Math.Max(_byId.Length, helper.Id + 1)];
        _byId.CopyTo(byId, 0);
        byId[helper.Id] = helper;
        return new HelperTable(byId);
    }

    /// <summary>A copy of this table with a helper added.</summary>
    public HelperTable With(int id, string name, HelperFunction function) => With(new HelperDefinition(id, name, function));

    /// <summary>The helper numbered <paramref name="id"/>, or null.</summary>
    public HelperDefinition? Find(long id) => id >= 0 && id < _byId.Length ? _byId[id] : null;
}
