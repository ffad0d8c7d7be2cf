namespace Ebpf.Core.Abi;

/// <summary>An inclusive range of integer values.</summary>
/// <param name="Min">The smallest value in the range.</param>
/// <param name="Max">The largest value in the range.</param>
public sealed record ValueRange(long Min, long Max)
{
    /// <summary>True when <paramref name="value"/> lies in the range.</summary>
    public bool Contains(long value) => value >= Min && value <= Max;

    /// <inheritdoc />
    public override string ToString() => $"[{Min}, {Max}]";
}
