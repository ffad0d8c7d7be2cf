using System.Globalization;
using System.Text.RegularExpressions;

namespace Ebpf.Core.Tests.Isa.Text;

/// <summary>One instruction line of <c>llvm-objdump -d</c>: slot index, raw bytes (16 for <c>lddw</c>) and text.</summary>
internal sealed record ObjdumpInstruction(int Index, byte[] Bytes, string Text);

/// <summary>The instructions of one section, in order and without gaps.</summary>
internal sealed record ObjdumpSection(string Name, IReadOnlyList<ObjdumpInstruction> Instructions)
{
    /// <summary>The section's bytecode, rebuilt from the raw bytes objdump shows.</summary>
    public byte[] Bytecode => [.. Instructions.SelectMany(i => i.Bytes)];
}

/// <summary>Reads the text of <c>llvm-objdump -d</c>.</summary>
internal static partial class ObjdumpListing
{
    private const string SectionPrefix = "Disassembly of section ";

    /// <summary>Splits a listing into sections of instructions; function and label lines are dropped.</summary>
    public static IReadOnlyList<ObjdumpSection> Parse(string listing)
    {
        var sections = new List<ObjdumpSection>();
        string? name = null;
        var instructions = new List<ObjdumpInstruction>();
        var slots = 0;
        foreach (var line in listing.Split('\n'))
        {
            if (line.StartsWith(SectionPrefix, StringComparison.Ordinal))
            {
                Flush();
                name = line[SectionPrefix.Length..].TrimEnd(':', '\r');
                continue;
            }

            var match = InstructionLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var bytes = Convert.FromHexString(match.Groups[2].Value.Replace(" ", "", StringComparison.Ordinal));
            if (name is null || index != slots)
            {
                throw new FormatException($"Unexpected instruction line (section {name}, slot {slots} expected): {line}");
            }

            instructions.Add(new ObjdumpInstruction(index, bytes, CleanText(match.Groups[3].Value)));
            slots += bytes.Length / 8;
        }

        Flush();
        return sections;

        void Flush()
        {
            if (name is not null && instructions.Count > 0)
            {
                sections.Add(new ObjdumpSection(name, [.. instructions]));
            }

            instructions.Clear();
            slots = 0;
        }
    }

    /// <summary>Drops what objdump appends after the instruction: the label of a branch target and any comment.</summary>
    private static string CleanText(string text) => TargetLabel().Replace(TrailingComment().Replace(text, ""), "").TrimEnd();

    [GeneratedRegex(@"^\s*(\d+):\t((?:[0-9a-f]{2} )*[0-9a-f]{2})\t(.*?)\r?$")]
    private static partial Regex InstructionLine();

    // "goto +22 <LBB0_7>", "goto -2 <f+0x298>": objdump names the target after the offset.
    [GeneratedRegex(@"\s+<[^<>]*>$")]
    private static partial Regex TargetLabel();

    [GeneratedRegex(@"\s+(#|//).*$")]
    private static partial Regex TrailingComment();
}
