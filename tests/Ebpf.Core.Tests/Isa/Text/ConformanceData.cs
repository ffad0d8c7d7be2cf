using System.Collections.Immutable;
using System.Globalization;
using Ebpf.Core.Isa;

namespace Ebpf.Core.Tests.Isa.Text;

/// <summary>The bpf_conformance data files in <c>../shared/conformance</c>, beside the repository root.</summary>
internal static class ConformanceData
{
    /// <summary>The suite's <c>tests/</c> files.</summary>
    public static string Folder { get; } = Locate();

    /// <summary>The suite's <c>negative/</c> files.</summary>
    public static string NegativeFolder => Path.Combine(Folder, "negative");

    /// <summary>The names of the <c>.data</c> files in a folder, sorted.</summary>
    public static ImmutableArray<string> FileNames(string folder) =>
        [.. Directory.GetFiles(folder, "*.data").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    /// <summary>The sections of a file (<c>-- asm</c>, <c>-- raw</c>...) by name; text before the first is dropped.</summary>
    public static ImmutableDictionary<string, string> Sections(string path)
    {
        var sections = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        string? name = null;
        var lines = new List<string>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith("-- ", StringComparison.Ordinal))
            {
                Flush();
                name = line[3..].Trim();
                continue;
            }

            lines.Add(line);
        }

        Flush();
        return sections.ToImmutable();

        void Flush()
        {
            if (name is not null)
            {
                sections[name] = string.Join('\n', lines);
            }

            lines.Clear();
        }
    }

    /// <summary>Reads a <c>-- raw</c> section of 64-bit words (<c>0x5566778800000018</c>), one slot each.</summary>
    public static ImmutableArray<Instruction> RawWords(string section) =>
        [.. section.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => Instruction.FromUInt64(ulong.Parse(l.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)))];

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ebpf.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance"));
            }
        }

        throw new DirectoryNotFoundException($"no Ebpf.slnx above {AppContext.BaseDirectory}");
    }
}
