using System.Collections.Frozen;
using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;

namespace Ebpf.Core.Isa.Text;

/// <summary>
/// Splits a line of the conformance syntax: <c>label:</c>, then a mnemonic of one to three words, then
/// operands separated by commas; <c>#</c> starts a comment.
/// </summary>
internal static class LineReader
{
    /// <summary>Every spelling a mnemonic may have: the table's and the aliases.</summary>
    private static readonly FrozenSet<string> Mnemonics =
        OpCodeTable.ByMnemonic.Keys.Concat(ConformanceSyntax.Aliases.Keys).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Leading words of multi-word mnemonics (<c>lock</c>, <c>lock fetch</c>, <c>call</c>), which may be followed by more.</summary>
    private static readonly FrozenSet<string> Prefixes = Mnemonics
        .SelectMany(m => Enumerable.Range(1, m.Count(c => c == ' ')).Select(n => string.Join(' ', m.Split(' ')[..n])))
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Reads one line; problems go to <paramref name="errors"/> and the parts that could be read are returned.</summary>
    public static ParsedLine Read(string line, List<OperandError> errors)
    {
        var comment = line.IndexOf('#', StringComparison.Ordinal);
        var text = (comment >= 0 ? line[..comment] : line).Trim();
        if (text.Length == 0)
        {
            return ParsedLine.Empty;
        }

        string? label = null;
        var headEnd = WordEnd(text, 0);
        if (text[headEnd - 1] == ':')
        {
            var name = text[..(headEnd - 1)];
            if (OperandParser.IsLabelName(name))
            {
                label = name;
            }
            else
            {
                errors.Add(new OperandError(DiagnosticCode.UnknownMnemonic,
                    $"{OperandParser.Quote(text.AsSpan(0, headEnd))} is neither a mnemonic nor a label (a letter, '_' or '.', then letters, digits, '_' or '.')"));
            }

            text = text[headEnd..].TrimStart();
            if (text.Length == 0)
            {
                return new ParsedLine(label, null, [], false);
            }
        }

        var (mnemonic, rest) = ReadMnemonic(text, errors);
        if (mnemonic is null)
        {
            return new ParsedLine(label, null, [], true);
        }

        var operands = SplitOperands(mnemonic, rest, errors);
        return new ParsedLine(label, operands.IsDefault ? null : mnemonic, operands.IsDefault ? [] : operands, true);
    }

    private static (string? Mnemonic, string Remainder) ReadMnemonic(string text, List<OperandError> errors)
    {
        var end = WordEnd(text, 0);
        var mnemonic = text[..end].ToLowerInvariant();
        while (Prefixes.Contains(mnemonic))
        {
            var start = SkipSpaces(text, end);
            var next = start < text.Length ? text[start..WordEnd(text, start)].ToLowerInvariant() : "";
            var longer = $"{mnemonic} {next}";
            if (next.Length == 0 || !(Mnemonics.Contains(longer) || Prefixes.Contains(longer)))
            {
                break;
            }

            mnemonic = longer;
            end = WordEnd(text, start);
        }

        if (Mnemonics.Contains(mnemonic))
        {
            return (mnemonic, text[end..]);
        }

        if (Prefixes.Contains(mnemonic) && mnemonic.StartsWith(ConformanceSyntax.Lock, StringComparison.Ordinal))
        {
            // The suite's reference message for a bare or truncated lock (negative/invalid_lock2.data).
            var start = SkipSpaces(text, end);
            var next = start < text.Length ? text[start..WordEnd(text, start)] : "";
            errors.Add(OperandParser.IsLabelName(next)
                ? new OperandError(DiagnosticCode.UnknownMnemonic, $"unknown mnemonic {OperandParser.Quote($"{mnemonic} {next}")}")
                : new OperandError(DiagnosticCode.OperandCount,
                    $"Invalid number of operands for {mnemonic}: expected an operation (add, or, and, xor, fetch add, ..., xchg, cmpxchg) and 2 operands"));
            return (null, "");
        }

        errors.Add(new OperandError(DiagnosticCode.UnknownMnemonic, $"unknown mnemonic {OperandParser.Quote(text.AsSpan(0, WordEnd(text, 0)))}"));
        return (null, "");
    }

    /// <summary>The operands separated by commas; default, after reporting it, when one of them is empty.</summary>
    private static ImmutableArray<string> SplitOperands(string mnemonic, string rest, List<OperandError> errors)
    {
        rest = rest.Trim();
        if (rest.Length == 0)
        {
            return [];
        }

        var operands = rest.Split(',', StringSplitOptions.TrimEntries);
        var empty = Array.IndexOf(operands, "");
        if (empty >= 0)
        {
            errors.Add(new OperandError(DiagnosticCode.OperandCount,
                $"Invalid number of operands for {mnemonic}: operand {empty + 1} of {operands.Length} is empty"));
            return default;
        }

        return [.. operands];
    }

    /// <summary>The end of the word starting at <paramref name="start"/>: the next space or comma.</summary>
    private static int WordEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != ',')
        {
            end++;
        }

        return Math.Max(end, Math.Min(start + 1, text.Length));
    }

    private static int SkipSpaces(string text, int start)
    {
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        return start;
    }
}
