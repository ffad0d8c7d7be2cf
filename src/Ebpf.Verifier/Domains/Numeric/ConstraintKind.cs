namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>The shapes of <see cref="LinearConstraint"/>.</summary>
internal enum ConstraintKind
{
    /// <summary><c>x - y &lt;= c</c>.</summary>
    DifferenceAtMost,
    /// <summary><c>x &lt;= c</c>.</summary>
    AtMost,
    /// <summary><c>x &gt;= c</c>.</summary>
    AtLeast,
    /// <summary><c>x == c</c>.</summary>
    Equal,
    /// <summary><c>x != c</c>.</summary>
    NotEqual,
}
