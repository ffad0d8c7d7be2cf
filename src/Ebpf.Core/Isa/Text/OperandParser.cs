using System.Text;
using Ebpf.Core.Diagnostics;

namespace Ebpf.Core.Isa.Text;

/// <summary>Reads single operands of the conformance syntax: registers, immediates, memory references, jump targets.</summary>
/// <remarks>Every method takes text already trimmed, returns false with an <see cref="OperandError"/> on bad input, and never throws.</remarks>
internal static class OperandParser
{
    private const int MaxQuoted = 40;

    /// <summary>Reads <c>%r0</c> to <c>%r10</c>.</summary>
    public static bool TryParseRegister(string text, out Register register, out OperandError error)
    {
        register = default;
        error = default;
        var span = text.AsSpan();
        if (!span.StartsWith("%r", StringComparison.Ordinal) || span.Length is < 3 or > 4
            || !char.IsAsciiDigit(span[2]) || (span.Length == 4 && (!char.IsAsciiDigit(span[3]) || span[2] == '0')))
        {
            error = new OperandError(DiagnosticCode.InvalidRegisterOperand, $"expected a register %r0 to %r10, found {Quote(text)}");
            return false;
        }

        var number = span.Length == 3 ? span[2] - '0' : ((span[2] - '0') * 10) + (span[3] - '0');
        if (number > (int)Register.R10)
        {
            error = new OperandError(DiagnosticCode.InvalidRegisterOperand, $"register {Quote(text)} does not exist: registers are %r0 to %r10");
            return false;
        }

        register = (Register)number;
        return true;
    }

    /// <summary>
    /// Reads a 32-bit immediate: decimal from -2147483648 to 2147483647, or hex from -0x80000000 to
    /// 0xffffffff, a hex value above 0x7fffffff standing for its bit pattern.
    /// </summary>
    public static bool TryParseImmediate32(string text, out int value, out OperandError error)
    {
        value = 0;
        error = default;
        if (!TryParseLiteral(text, "an immediate", out var literal, out error))
        {
            return false;
        }

        var max = literal.IsHex ? uint.MaxValue : int.MaxValue;
        if (!literal.TryGetValue(int.MinValue, max, out var wide))
        {
            var range = literal.IsHex ? "-0x80000000 to 0xffffffff" : "-2147483648 to 2147483647";
            error = new OperandError(DiagnosticCode.InvalidImmediate, $"immediate {literal} is outside the 32-bit range ({range})");
            return false;
        }

        value = unchecked((int)wide);
        return true;
    }

    /// <summary>
    /// Reads the value of <c>lddw</c>: any 64-bit pattern (up to 18446744073709551615 or 0xffffffffffffffff,
    /// down to -9223372036854775808), optionally preceded by a pseudo-source keyword such as <c>map_fd</c>.
    /// </summary>
    public static bool TryParseImmediate64(string text, out ulong value, out int pseudoSource, out OperandError error)
    {
        value = 0;
        pseudoSource = 0;
        var split = text.AsSpan().IndexOfAny(' ', '\t');
        if (split > 0)
        {
            var keyword = text[..split];
            pseudoSource = ConformanceSyntax.PseudoSources.IndexOf(keyword, 0, StringComparer.Ordinal);
            if (pseudoSource <= 0)
            {
                pseudoSource = 0;
                var known = string.Join(", ", ConformanceSyntax.PseudoSources.Skip(1));
                error = new OperandError(DiagnosticCode.InvalidImmediate, $"{Quote(keyword)} is not an lddw pseudo source ({known})");
                return false;
            }

            text = text[split..].Trim();
        }

        if (!TryParseLiteral(text, "a 64-bit immediate", out var literal, out error))
        {
            return false;
        }

        if (literal.Negative && literal.Magnitude > (ulong)long.MaxValue + 1)
        {
            error = new OperandError(DiagnosticCode.InvalidImmediate, $"immediate {literal} is below -9223372036854775808");
            return false;
        }

        value = literal.Negative ? unchecked((ulong)-(long)literal.Magnitude) : literal.Magnitude;
        return true;
    }

    /// <summary>Reads <c>[%rN]</c>, <c>[%rN+off]</c> or <c>[%rN-off]</c> with a signed 16-bit offset; spaces inside are allowed.</summary>
    public static bool TryParseMemory(string text, out Register register, out short offset, out OperandError error)
    {
        register = default;
        offset = 0;
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            error = new OperandError(DiagnosticCode.InvalidMemoryOperand, $"expected a memory operand such as [%r1+8], found {Quote(text)}");
            return false;
        }

        var inner = RemoveWhitespace(text.AsSpan(1, text.Length - 2));
        var sign = inner.AsSpan().IndexOfAny('+', '-');
        var registerText = sign < 0 ? inner : inner[..sign];
        if (!TryParseRegister(registerText, out register, out error))
        {
            return false;
        }

        if (sign < 0)
        {
            return true;
        }

        if (!IntegerLiteral.TryParse(inner.AsSpan(sign), out var literal, out var tooLarge) && !tooLarge)
        {
            error = new OperandError(DiagnosticCode.InvalidMemoryOperand, $"the offset in {Quote(text)} is not a number");
            return false;
        }

        if (tooLarge || !literal.TryGetValue(short.MinValue, short.MaxValue, out var value))
        {
            error = new OperandError(DiagnosticCode.InvalidMemoryOperand,
                $"the offset in {Quote(text)} is outside the signed 16-bit range (-32768 to 32767)");
            return false;
        }

        offset = (short)value;
        return true;
    }

    /// <summary>Reads a jump target: a relative offset (<c>+5</c>, <c>-3</c>, <c>2</c>) or a label name.</summary>
    /// <param name="text">The operand.</param>
    /// <param name="offset">The offset when the target is a number; it may still be too far for its field.</param>
    /// <param name="label">The label when the target is a name.</param>
    /// <param name="error">Why the operand is neither.</param>
    public static bool TryParseTarget(string text, out long offset, out string? label, out OperandError error)
    {
        offset = 0;
        label = null;
        error = default;
        if (IsLabelName(text))
        {
            label = text;
            return true;
        }

        var parsed = IntegerLiteral.TryParse(text, out var literal, out var tooLarge);
        if (parsed && literal.TryGetValue(int.MinValue, int.MaxValue, out offset))
        {
            return true;
        }

        error = parsed || tooLarge
            ? new OperandError(DiagnosticCode.JumpTooFar, $"jump offset {Quote(text)} does not fit in 32 bits")
            : new OperandError(DiagnosticCode.InvalidImmediate, $"{Quote(text)} is neither a jump offset (+N, -N) nor a label");
        return false;
    }

    /// <summary>True for a label name: an ASCII letter, <c>_</c> or <c>.</c>, then letters, digits, <c>_</c> or <c>.</c>.</summary>
    public static bool IsLabelName(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !(char.IsAsciiLetter(text[0]) || text[0] is '_' or '.'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Quotes input for a message: shortened when long, control characters escaped.</summary>
    public static string Quote(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder("'");
        foreach (var c in text.Length > MaxQuoted ? text[..MaxQuoted] : text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                builder.Append($"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append(text.Length > MaxQuoted ? "...'" : "'").ToString();
    }

    private static bool TryParseLiteral(string text, string what, out IntegerLiteral literal, out OperandError error)
    {
        error = default;
        if (IntegerLiteral.TryParse(text, out literal, out var tooLarge))
        {
            return true;
        }

        error = new OperandError(DiagnosticCode.InvalidImmediate, tooLarge
            ? $"immediate {Quote(text)} does not fit in 64 bits"
            : $"expected {what} (decimal, or hex with 0x), found {Quote(text)}");
        return false;
    }

    private static string RemoveWhitespace(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
