using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;
using Ebpf.Elf.Btf;

namespace Ebpf.Elf.Tests.Btf;

/// <summary>Hand-written <c>.BTF.ext</c>: record sizes, field decoding, and refusals.</summary>
public sealed class BtfExtSyntheticTests
{
    private const int Func = 3;
    private readonly BtfSpec _btf;
    private readonly uint _xdp;
    private readonly uint _text;
    private readonly uint _file;
    private readonly uint _line;
    private readonly uint _access;

    public BtfExtSyntheticTests()
    {
        var b = new BtfBuilder();
        var proto = b.FunctionProto(b.Int("int", 4, BtfIntEncoding.Signed));
        Assert.Equal(Func, b.Function("f", proto));
        _xdp = b.String("xdp");
        _text = b.String(".text");
        _file = b.String("/src/a.c");
        _line = b.String("  return x + 1;");
        _access = b.String("0:1");
        _btf = BtfSpec.Parse(b.Build());
    }

    [Fact]
    public void Records_longer_than_known_are_read_and_their_tail_skipped()
    {
        var ext = Parse(new BtfExtBuilder().Group(0, 12, _xdp, [16, Func, 0xdeadbeef], [40, Func, 0xffffffff]));
        Assert.Equal([new BtfFuncInfo(2, Func), new BtfFuncInfo(5, Func)], ext.Sections["xdp"].FuncInfos.ToArray());
    }

    [Fact]
    public void Line_info_splits_line_and_column_and_reads_its_strings()
    {
        var ext = Parse(new BtfExtBuilder().Group(1, 16, _xdp, [8, _file, _line, (42u << 10) | 7]));
        Assert.Equal(new BtfLineInfo(1, "/src/a.c", "  return x + 1;", 42, 7), ext.Sections["xdp"].LineInfos.Single());
    }

    [Fact]
    public void CO_RE_relocations_are_read_only_when_the_header_has_their_fields()
    {
        var builder = new BtfExtBuilder().Group(0, 8, _xdp, [0, Func]).Group(2, 16, _xdp, [24, Func, _access, 12]);
        Assert.Equal(new BtfCoreRelocation(3, Func, "0:1", BtfCoreRelocationKind.TypeMatches), Parse(builder).Sections["xdp"].CoreRelocations.Single());

        var shortHeader = new BtfExtBuilder { HeaderLength = 24 }.Group(0, 8, _xdp, [0, Func]);
        Assert.Empty(Parse(shortHeader).Sections["xdp"].CoreRelocations);
    }

    [Fact]
    public void Groups_of_one_section_merge_and_sections_are_ordered_by_name()
    {
        var ext = Parse(new BtfExtBuilder()
            .Group(0, 8, _xdp, [0, Func])
            .Group(0, 8, _text, [0, Func])
            .Group(0, 8, _xdp, [64, Func]));
        Assert.Equal([".text", "xdp"], ext.Sections.Keys);
        Assert.Equal([0, 8], ext.Sections["xdp"].FuncInfos.Select(f => f.InstructionIndex));
        Assert.True(ext.TryGetSection(".text", out _));
        Assert.False(ext.TryGetSection("tc", out _));
        Assert.Empty(BtfExt.Empty.Sections);
    }

    [Fact]
    public void Malformed_records_are_refused_with_MalformedBtfExt()
    {
        Refused(new BtfExtBuilder().Group(0, 4, _xdp, [0]), "record size 4");
        Refused(new BtfExtBuilder().Group(1, 18, _xdp, [0, _file, _line, 0, 0]), "record size 18");
        Refused(new BtfExtBuilder().Group(0, 8, _xdp, [12, Func]), "instruction offset 12 is not a multiple of 8");
        Refused(new BtfExtBuilder().Group(0, 8, _xdp, [0, 1]), "names type [1], which is not a function");
        Refused(new BtfExtBuilder().Group(0, 8, _xdp, [0, 99]), "names type [99]");
        Refused(new BtfExtBuilder().Group(2, 16, _xdp, [0, Func, _access, 13]), "unknown kind 13");
        Refused(new BtfExtBuilder().Group(2, 16, _xdp, [0, 77, _access, 0]), "names type [77]");
        Refused(new BtfExtBuilder().Group(0, 8, _xdp), "claims 0 records");
        Refused(new BtfExtBuilder().Group(0, 8, 5000, [0, Func]), "string offset 5000");
        Refused(new BtfExtBuilder().Group(1, 16, _xdp, [0, _file, 9999, 0]), "string offset 9999");
    }

    [Fact]
    public void Broken_headers_and_blocks_are_refused()
    {
        var good = new BtfExtBuilder().Group(0, 8, _xdp, [0, Func], [8, Func]).Build();
        Refused(Poke(good, 0, 0x1234), "is not the BTF magic");
        Refused(Poke(good, 2, 2), "version 2");
        Refused(Poke(good, 4, 8), "header length 8");
        Refused(Poke(good, 8, 2), "not 4-byte aligned");
        Refused(Poke(good, 12, 400), "runs past");
        Refused(Poke(good, 12, 4), "record size but no sections");
        Refused(Poke(good, 12, 20), "claims 2 records");
        Refused(good[..36], "runs past");
        Refused(good[..6], "bytes needed");
    }

    [Fact]
    public void TryParse_reports_the_code_and_section()
    {
        var bytes = new BtfExtBuilder().Group(0, 8, _xdp, [3, Func]).Build();
        Assert.False(BtfExt.TryParse(bytes, _btf, out var ext, out var diagnostic));
        Assert.Null(ext);
        Assert.Equal(DiagnosticCode.MalformedBtfExt, diagnostic.Code);
        Assert.Equal(".BTF.ext", diagnostic.Location.Section);
        Assert.StartsWith("error EBPF4102: section .BTF.ext: ", diagnostic.ToString(), StringComparison.Ordinal);
    }

    private BtfExt Parse(BtfExtBuilder builder) => BtfExt.Parse(builder.Build(), _btf);

    private void Refused(BtfExtBuilder builder, string expected) => Refused(builder.Build(), expected);

    private void Refused(byte[] bytes, string expected)
    {
        var error = Assert.Throws<MalformedInputException>(() => BtfExt.Parse(bytes, _btf));
        Assert.Equal(DiagnosticCode.MalformedBtfExt, error.Diagnostic.Code);
        Assert.Contains(expected, error.Diagnostic.Message, StringComparison.Ordinal);
    }

    private static byte[] Poke(byte[] section, int at, uint value)
    {
        // The header's fields: u16 magic, u8 version, u8 flags, then u32s.
        var copy = (byte[])section.Clone();
        var width = at switch { 0 => 2, 2 => 1, _ => 4 };
        for (var i = 0; i < width; i++)
        {
            copy[at + i] = (byte)(value >> (8 * i));
        }

        return copy;
    }
}
