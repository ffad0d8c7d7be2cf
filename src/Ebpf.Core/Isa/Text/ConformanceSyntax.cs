using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Ebpf.Core.Isa.Text;

/// <summary>
/// The shape of every <see cref="OpCodeTable"/> row in the conformance-suite text syntax: which operands
/// it takes in which order. Both <see cref="Assembler"/> and <see cref="ConformanceFormatter"/> read it, so
/// they cannot disagree.
/// </summary>
internal static class ConformanceSyntax
{
    /// <summary>The mnemonic of the register-called helper form: <c>call %r2</c> rather than <c>callx %r2</c>.</summary>
    public const string Call = "call";

    /// <summary>The prefix of every atomic mnemonic (<c>lock add</c>, <c>lock fetch or32</c>).</summary>
    public const string Lock = "lock";

    private static readonly ImmutableArray<OperandKind>[] Shapes = [.. OpCodeTable.All.Select(ShapeOf)];

    /// <summary>Other spellings of table mnemonics: the suite writes v4's unconditional swaps both ways.</summary>
    public static FrozenDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bswap16"] = "swap16",
        ["bswap32"] = "swap32",
        ["bswap64"] = "swap64",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Keywords for the pseudo sources of <c>lddw</c> (RFC 9669 section 5.4), named after the kernel's
    /// <c>BPF_PSEUDO_*</c> constants; index is the source field value, and source 0 has no keyword.
    /// </summary>
    public static ImmutableArray<string> PseudoSources { get; } = ["", "map_fd", "map_value", "btf_id", "func", "map_idx", "map_idx_value"];

    /// <summary>The operands of a form, in text order.</summary>
    public static ImmutableArray<OperandKind> OperandsOf(OpCodeInfo form) => Shapes[form.Id];

    /// <summary>The mnemonic as written: the table's, except <c>call</c> for <c>callx</c>.</summary>
    public static string MnemonicOf(OpCodeInfo form) => form.Operation == Operation.CallX ? Call : form.Mnemonic;

    /// <summary>True when a target operand of this form goes into the immediate rather than the offset.</summary>
    public static bool TargetInImmediate(OpCodeInfo form) => form.JumpTargetInImmediate || form.Operation == Operation.CallLocal;

    private static ImmutableArray<OperandKind> ShapeOf(OpCodeInfo form) => form.Operation switch
    {
        Operation.Ja or Operation.CallLocal => [OperandKind.Target],
        Operation.Call or Operation.CallKfunc or Operation.LoadPacketAbsolute => [OperandKind.Immediate],
        Operation.CallX => [OperandKind.Destination],
        Operation.Exit => [],
        Operation.LoadImm64 => [OperandKind.Destination, OperandKind.Immediate64],
        Operation.LoadPacketIndirect => [OperandKind.Source, OperandKind.Immediate],
        Operation.Load or Operation.LoadSignExtend => [OperandKind.Destination, OperandKind.SourceMemory],
        Operation.StoreImmediate => [OperandKind.DestinationMemory, OperandKind.Immediate],
        Operation.Store => [OperandKind.DestinationMemory, OperandKind.Source],
        _ when form.Kind == OperationKind.Atomic => [OperandKind.DestinationMemory, OperandKind.Source],
        _ when form.Kind == OperationKind.Jump => [OperandKind.Destination, SecondOperand(form), OperandKind.Target],
        _ when form.Source == OperandSource.None => [OperandKind.Destination],
        _ => [OperandKind.Destination, SecondOperand(form)],
    };

    private static OperandKind SecondOperand(OpCodeInfo form) =>
        form.Source == OperandSource.Register ? OperandKind.Source : OperandKind.Immediate;
}
