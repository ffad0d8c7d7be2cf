using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>
/// What a program type's return value (r0 at exit) means and which values the verifier accepts, as the
/// kernel's <c>check_return_code</c> decides. Without a range, any value is accepted and the hook gives
/// unnamed values its own meaning.
/// </summary>
/// <param name="Range">The range the verifier enforces by default, or null when it checks nothing.</param>
/// <param name="Values">The values with a name, for messages and listings.</param>
public sealed record ReturnValueRule(ValueRange? Range, ImmutableArray<NamedValue> Values)
{
    /// <summary>Ranges that replace <see cref="Range"/> for some attach types.</summary>
    public ImmutableArray<AttachTypeRange> AttachTypeRanges { get; init; } = [];

    /// <summary>The range enforced for a program with expected attach type <paramref name="attachType"/>, or null when any value is accepted.</summary>
    public ValueRange? RangeFor(int? attachType)
    {
        foreach (var entry in AttachTypeRanges)
        {
            if (attachType is { } type && entry.AttachTypes.Contains(type))
            {
                return entry.Range;
            }
        }

        return Range;
    }

    /// <summary>The named value <paramref name="value"/>, or null.</summary>
    public NamedValue? Find(long value) => Values.FirstOrDefault(v => v.Value == value);
}
