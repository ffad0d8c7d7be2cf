using Ebpf.Elf.Btf;

namespace Ebpf.Elf.Tests.Btf;

/// <summary><c>.BTF.ext</c> of real objects, checked against the ELF symbols and the C sources.</summary>
public sealed class BtfExtObjectTests
{
    public static TheoryData<string> Objects => BtfObjects.Names;

    [Theory]
    [MemberData(nameof(Objects))]
    public void Func_infos_match_the_function_symbols_of_each_code_section(string name)
    {
        var elf = BtfObjects.Elf(name);
        var (btf, ext) = BtfObjects.BtfAndExt(name);
        Assert.NotEmpty(ext.Sections);
        foreach (var (sectionName, section) in ext.Sections)
        {
            var index = elf.Find(sectionName)!.Index;
            var symbols = elf.Functions().Where(f => f.Section == index).Select(f => (f.Name, (int)(f.Value / 8))).Order().ToList();
            var infos = section.FuncInfos.Select(f => (btf[f.TypeId].Name, f.InstructionIndex)).Order().ToList();
            Assert.Equal(symbols, infos);
        }
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Every_record_points_at_an_instruction_of_its_section(string name)
    {
        var elf = BtfObjects.Elf(name);
        var (_, ext) = BtfObjects.BtfAndExt(name);
        foreach (var (sectionName, section) in ext.Sections)
        {
            var slots = elf.Find(sectionName)!.Size / 8;
            var indexes = section.FuncInfos.Select(f => f.InstructionIndex)
                .Concat(section.LineInfos.Select(l => l.InstructionIndex))
                .Concat(section.CoreRelocations.Select(r => r.InstructionIndex));
            Assert.All(indexes, i => Assert.InRange(i, 0, slots - 1));
            Assert.NotEmpty(section.LineInfos);
        }
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Line_infos_quote_the_line_of_the_C_source_they_name(string name)
    {
        var folder = Path.GetDirectoryName(BtfObjects.PathOf(name))!;
        var source = Path.ChangeExtension(Path.GetFileName(name), ".c");
        var lines = File.ReadAllLines(Path.Combine(folder, source));
        var (_, ext) = BtfObjects.BtfAndExt(name);
        foreach (var info in ext.Sections.Values.SelectMany(s => s.LineInfos))
        {
            Assert.True(info.FileName.EndsWith(source, StringComparison.Ordinal), $"{name}: {info.FileName} is not {source}");
            if (info.Line == 0)
            {
                // clang writes line 0 for code it generated itself, with no text.
                Assert.Equal("", info.LineText);
                continue;
            }

            Assert.InRange(info.Line, 1, lines.Length);
            Assert.True(lines[info.Line - 1] == info.LineText, $"{name}: line {info.Line} is '{lines[info.Line - 1]}', BTF says '{info.LineText}'");
            Assert.InRange(info.Column, 0, lines[info.Line - 1].Length + 1);
        }
    }

    [Fact]
    public void Line_info_of_the_flow_table_starts_at_the_function_header()
    {
        var (_, ext) = BtfObjects.BtfAndExt("bench/xdp_flow_table.o");
        var first = ext.Sections["xdp"].LineInfos[0];
        Assert.Equal(0, first.InstructionIndex);
        Assert.Equal("int flow_account(struct xdp_md *ctx) {", first.LineText);
        Assert.Equal(23, first.Line);
        Assert.Equal("xdp_flow_table.c:23:0: int flow_account(struct xdp_md *ctx) {", first.ToString());
    }

    [Fact]
    public void CO_RE_relocations_name_their_root_type_access_path_and_kind()
    {
        var (btf, ext) = BtfObjects.BtfAndExt("btf/core.o");
        var relocations = ext.Sections["xdp"].CoreRelocations
            .Select(r => $"{r.Kind} {btf.FormatType(r.TypeId)} {r.AccessString}")
            .ToList();
        Assert.Equal(
        [
            "FieldByteOffset struct task 0:0",
            "FieldByteOffset struct task 0:3",
            "FieldByteOffset struct task 0:1",
            "FieldExists struct task 0:2",
            "FieldByteSize struct task 0:2",
            "TypeExists struct task 0",
            "TypeSize struct task 0",
            "EnumValueExists enum state 1",
            "EnumValueValue enum state 1",
        ], relocations);
        Assert.False(ext.TryGetSection("tc", out var tc) && !tc.CoreRelocations.IsEmpty);
    }

    [Fact]
    public void Sub_programs_in_text_have_func_infos_with_their_linkage()
    {
        var (btf, ext) = BtfObjects.BtfAndExt("btf/core.o");
        var text = ext.Sections[".text"].FuncInfos.Select(f => (BtfFunction)btf[f.TypeId]).ToList();
        Assert.Equal(["global_helper", "local_helper"], text.Select(f => f.Name));
        Assert.Equal([BtfFunctionLinkage.Global, BtfFunctionLinkage.Static], text.Select(f => f.Linkage));
        Assert.Equal([0, 4], ext.Sections[".text"].FuncInfos.Select(f => f.InstructionIndex));
    }
}
