using System.Globalization;

namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>
/// A constraint the domain can add or be asked about: <c>x - y &lt;= c</c>, <c>x &lt;= c</c>,
/// <c>x &gt;= c</c>, <c>x == c</c> or <c>x != c</c>.
/// </summary>
internal readonly record struct LinearConstraint
{
    private LinearConstraint(ConstraintKind kind, Variable x, Variable? y, Int128 constant)
    {
        Kind = kind;
        X = x;
        Y = y;
        Constant = constant;
    }

    /// <summary>What shape the constraint has.</summary>
    public ConstraintKind Kind { get; }

    /// <summary>The constrained variable.</summary>
    public Variable X { get; }

    /// <summary>The subtracted variable of a difference, otherwise null.</summary>
    public Variable? Y { get; }

    /// <summary>The constant.</summary>
    public Int128 Constant { get; }

    /// <summary><c>x - y &lt;= c</c>.</summary>
    public static LinearConstraint Difference(Variable x, Variable y, Int128 c) => new(ConstraintKind.DifferenceAtMost, x, y, c);

    /// <summary><c>x &lt;= c</c>.</summary>
    public static LinearConstraint AtMost(Variable x, Int128 c) => new(ConstraintKind.AtMost, x, null, c);

    /// <summary><c>x &gt;= c</c>.</summary>
    public static LinearConstraint AtLeast(Variable x, Int128 c) => new(ConstraintKind.AtLeast, x, null, c);

    /// <summary><c>x == c</c>.</summary>
    public static LinearConstraint EqualTo(Variable x, Int128 c) => new(ConstraintKind.Equal, x, null, c);

    /// <summary><c>x != c</c>.</summary>
    public static LinearConstraint NotEqualTo(Variable x, Int128 c) => new(ConstraintKind.NotEqual, x, null, c);

    /// <summary>Prints the constraint as the facts do: <c>r2.packet_offset-packet_size&lt;=-4</c>.</summary>
    public override string ToString()
    {
        var c = Constant.ToString(CultureInfo.InvariantCulture);
        return Kind switch
        {
            ConstraintKind.DifferenceAtMost => $"{X}-{Y}<={c}",
            ConstraintKind.AtMost => $"{X}<={c}",
            ConstraintKind.AtLeast => $"{X}>={c}",
            ConstraintKind.Equal => $"{X}=={c}",
            _ => $"{X}!={c}",
        };
    }
}
