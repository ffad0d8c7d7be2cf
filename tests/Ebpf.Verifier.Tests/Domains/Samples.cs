using Ebpf.Core.Isa;
using FsCheck;
using FsCheck.Fluent;

namespace Ebpf.Verifier.Tests.Domains;

/// <summary>Generators of the values where integer domains go wrong: around 0 and every wrap point.</summary>
internal static class Samples
{
    private static readonly ulong[] Edges = [0, 1UL << 7, 1UL << 8, 1UL << 15, 1UL << 16, 1UL << 31, 1UL << 32, 1UL << 63];

    /// <summary>A 64-bit value: small, near a power-of-two edge (either side, either sign) or anything.</summary>
    public static readonly Gen<ulong> Value = Gen.Frequency(
        (3, Gen.Choose(-20, 20).Select(v => (ulong)(long)v)),
        (4, from edge in Gen.Elements(Edges)
            from delta in Gen.Choose(-3, 3)
            from negate in Gen.Elements(false, true)
            select negate ? (ulong)-(long)(edge + (ulong)(long)delta) : edge + (ulong)(long)delta),
        (2, Gen.Choose(int.MinValue, int.MaxValue).Select(v => (ulong)(long)v)),
        (2, from high in Gen.Choose(int.MinValue, int.MaxValue)
            from low in Gen.Choose(int.MinValue, int.MaxValue)
            select ((ulong)(uint)high << 32) | (uint)low));

    /// <summary>Every ALU operation the domain implements.</summary>
    public static readonly Operation[] AluOperations =
    [
        Operation.Add, Operation.Sub, Operation.Mul, Operation.Div, Operation.SDiv, Operation.Mod, Operation.SMod,
        Operation.Or, Operation.And, Operation.Xor, Operation.Lsh, Operation.Rsh, Operation.Arsh, Operation.Neg, Operation.Mov,
    ];

    /// <summary>Every conditional jump.</summary>
    public static readonly Operation[] Conditions =
    [
        Operation.Jeq, Operation.Jne, Operation.Jgt, Operation.Jge, Operation.Jlt, Operation.Jle,
        Operation.Jsgt, Operation.Jsge, Operation.Jslt, Operation.Jsle, Operation.Jset,
    ];

    /// <summary>The value as the view holds it: the low <paramref name="width"/> bits, signed or not.</summary>
    public static Int128 InView(ulong value, bool signed, int width) => (signed, width) switch
    {
        (true, 64) => (long)value,
        (false, 64) => value,
        (true, _) => (int)(uint)value,
        _ => (uint)value,
    };
}
