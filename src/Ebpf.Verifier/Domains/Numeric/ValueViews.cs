namespace Ebpf.Verifier.Domains.Numeric;

/// <summary>
/// The two variables that describe one 64-bit number, as PREVAIL keeps them: its value read as signed
/// (<c>r1.svalue</c>, in [-2^63, 2^63-1]) and read as unsigned (<c>r1.uvalue</c>, in [0, 2^64-1]).
/// </summary>
/// <param name="Signed">The signed view.</param>
/// <param name="Unsigned">The unsigned view.</param>
internal readonly record struct ValueViews(Variable Signed, Variable Unsigned);
