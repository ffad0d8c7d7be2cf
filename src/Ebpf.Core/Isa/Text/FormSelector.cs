using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;

namespace Ebpf.Core.Isa.Text;

/// <summary>Finds the <see cref="OpCodeTable"/> row a mnemonic and its operands stand for.</summary>
internal static class FormSelector
{
    private static readonly string CallXMnemonic = OpCodeTable.All.First(f => f.Operation == Operation.CallX).Mnemonic;

    /// <summary>
    /// Picks the row: by mnemonic (after aliases), then, where a mnemonic has a register and an
    /// immediate form, by whether the operand in that place starts with <c>%</c>.
    /// </summary>
    public static OpCodeInfo? Select(string mnemonic, ImmutableArray<string> operands, out OperandError error)
    {
        error = default;
        var key = ConformanceSyntax.Aliases.GetValueOrDefault(mnemonic, mnemonic);
        if (key == ConformanceSyntax.Call && operands.Length == 1 && operands[0].StartsWith('%'))
        {
            key = CallXMnemonic;
        }

        if (!OpCodeTable.ByMnemonic.TryGetValue(key, out var rows))
        {
            error = new OperandError(DiagnosticCode.UnknownMnemonic, $"unknown mnemonic {OperandParser.Quote(mnemonic)}");
            return null;
        }

        var shape = ConformanceSyntax.OperandsOf(rows[0]);
        if (operands.Length != shape.Length)
        {
            error = new OperandError(DiagnosticCode.OperandCount,
                $"Invalid number of operands for {mnemonic}: expected {shape.Length} ({Usage(mnemonic, rows)}), found {operands.Length}");
            return null;
        }

        foreach (var row in rows)
        {
            if (Fits(ConformanceSyntax.OperandsOf(row), operands))
            {
                return row;
            }
        }

        // Each row wants a register or an immediate in some place: report the first row's wish.
        return rows[0];
    }

    /// <summary>How a mnemonic is written, for messages: <c>add %dst, imm|%src</c>.</summary>
    public static string Usage(string mnemonic, ImmutableArray<OpCodeInfo> rows)
    {
        var shapes = rows.Select(ConformanceSyntax.OperandsOf).ToArray();
        var parts = Enumerable.Range(0, shapes[0].Length)
            .Select(i => string.Join('|', shapes.Select(s => Placeholder(s[i])).Distinct()));
        var operands = string.Join(", ", parts);
        return operands.Length == 0 ? mnemonic : $"{mnemonic} {operands}";
    }

    private static bool Fits(ImmutableArray<OperandKind> shape, ImmutableArray<string> operands)
    {
        for (var i = 0; i < shape.Length; i++)
        {
            var isRegister = operands[i].StartsWith('%');
            if ((shape[i] == OperandKind.Source && !isRegister) || (shape[i] == OperandKind.Immediate && isRegister))
            {
                return false;
            }
        }

        return true;
    }

    private static string Placeholder(OperandKind kind) => kind switch
    {
        OperandKind.Destination => "%dst",
        OperandKind.Source => "%src",
        OperandKind.Immediate => "imm",
        OperandKind.Immediate64 => "imm64",
        OperandKind.SourceMemory => "[%src+off]",
        OperandKind.DestinationMemory => "[%dst+off]",
        _ => "+off|label",
    };
}
