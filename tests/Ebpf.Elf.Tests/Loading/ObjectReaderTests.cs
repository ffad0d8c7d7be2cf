using System.Text.RegularExpressions;
using Ebpf.Core.Abi;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Testing;

namespace Ebpf.Elf.Tests.Loading;

public sealed partial class ObjectReaderTests
{
    [Theory]
    [MemberData(nameof(ObjectFiles.AllNames), MemberType = typeof(ObjectFiles))]
    public void Every_object_loads_and_every_program_decodes(string relative)
    {
        var spec = ObjectReader.ReadFile(ObjectFiles.PathOf(relative));
        if (spec.Programs.IsEmpty)
        {
            // Only a types object may hold no program: the verifier's stand-in kernel BTF (testdata/verifier/btf).
            Assert.NotEmpty(spec.Btf!.Types);
            Assert.StartsWith("testdata/verifier/btf/", relative, StringComparison.Ordinal);
        }

        foreach (var program in spec.Programs)
        {
            Assert.True(ProgramDecoder.TryDecode(program.Instructions.AsSpan(), out _, out var diagnostics), $"{program.Name}: {string.Join("; ", diagnostics)}");
            Assert.Equal(program.Instructions.Length, program.Lines.Length);
        }
    }

    [Fact]
    public void The_bench_objects_are_GPL_XDP_programs_named_as_their_functions()
    {
        foreach (var path in ObjectFiles.Bench)
        {
            var spec = ObjectReader.ReadFile(path);
            Assert.Equal("GPL", spec.License);
            var program = Assert.Single(spec.Programs);
            Assert.Equal("xdp", program.SectionName);
            Assert.Equal(ProgramType.Xdp, program.Type);
            Assert.Equal(AttachType.Xdp, program.ExpectedAttachType);
        }
    }

    [TheoryRequiring("llvm-readelf")]
    [MemberData(nameof(ObjectFiles.AllNames), MemberType = typeof(ObjectFiles))]
    public void Programs_are_the_function_symbols_readelf_lists_outside_dot_text(string relative)
    {
        var path = ObjectFiles.PathOf(relative);
        var spec = ObjectReader.ReadFile(path);
        var sections = SectionNames(ExternalTool.Run("llvm-readelf", "-S", "-W", path));
        var expected = SymbolRows().Matches(ExternalTool.Run("llvm-readelf", "-s", "-W", path))
            .Where(m => m.Groups["type"].Value == "FUNC" && int.TryParse(m.Groups["ndx"].Value, out var ndx) && sections[ndx] != ".text")
            .Select(m => (m.Groups["name"].Value, sections[int.Parse(m.Groups["ndx"].Value, System.Globalization.CultureInfo.InvariantCulture)], int.Parse(m.Groups["size"].Value, System.Globalization.CultureInfo.InvariantCulture) / Instruction.Size))
            .OrderBy(t => t.Item1, StringComparer.Ordinal)
            .ToList();
        var actual = spec.Programs
            .Select(p => (p.Name, p.SectionName, p.Functions[0].Length))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        if (expected.Count == 0)
        {
            // Hand-written code without function symbols: each code section is one program named after it.
            Assert.All(actual, p => Assert.Equal(p.Name, p.SectionName));
            return;
        }

        Assert.Equal(expected, actual);
    }

    [TheoryRequiring("llvm-readelf")]
    [MemberData(nameof(ObjectFiles.AllNames), MemberType = typeof(ObjectFiles))]
    public void Maps_are_the_symbols_of_the_map_sections_and_the_global_data_sections(string relative)
    {
        var path = ObjectFiles.PathOf(relative);
        var spec = ObjectReader.ReadFile(path);
        var readelf = ExternalTool.Run("llvm-readelf", "-S", "-W", path);
        var sections = SectionNames(readelf);
        var symbols = SymbolRows().Matches(ExternalTool.Run("llvm-readelf", "-s", "-W", path))
            .Where(m => int.TryParse(m.Groups["ndx"].Value, out var ndx) && sections[ndx] is ".maps" or "maps" && m.Groups["type"].Value != "SECTION")
            .Select(m => m.Groups["name"].Value);
        Assert.Equal(symbols.Order(StringComparer.Ordinal), spec.Maps.Where(m => m.Origin != MapOrigin.GlobalData).Select(m => m.Name).Order(StringComparer.Ordinal));

        var sizes = SectionSizes().Matches(readelf).ToDictionary(m => m.Groups["name"].Value, m => Convert.ToUInt32(m.Groups["size"].Value, 16));
        // .kconfig holds __kconfig externs, which no section defines: its size is the loader's layout.
        Assert.All(spec.Maps.Where(m => m.Origin == MapOrigin.GlobalData && m.Name != ".kconfig"), m => Assert.Equal(sizes[m.Name], m.ValueSize));
    }

    [GeneratedRegex(@"^\s*\[\s*\d+\]\s+(?<name>\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+(?<size>[0-9a-f]+)", RegexOptions.Multiline)]
    private static partial Regex SectionSizes();

    private static Dictionary<int, string> SectionNames(string readelf) =>
        SectionRows().Matches(readelf).ToDictionary(m => int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups["name"].Value);

    [GeneratedRegex(@"^\s*\[\s*(?<index>\d+)\]\s+(?<name>\S+)", RegexOptions.Multiline)]
    private static partial Regex SectionRows();

    [GeneratedRegex(@"^\s*\d+:\s+[0-9a-f]+\s+(?<size>\d+)\s+(?<type>\w+)\s+\w+\s+\w+\s+(?<ndx>\w+)\s+(?<name>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SymbolRows();
}
