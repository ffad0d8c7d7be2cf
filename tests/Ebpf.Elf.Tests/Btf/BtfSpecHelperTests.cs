using Ebpf.Elf.Btf;

namespace Ebpf.Elf.Tests.Btf;

/// <summary>Resolve, SizeOf, FormatType and FindByName on the types of real objects.</summary>
public sealed class BtfSpecHelperTests
{
    private readonly BtfSpec _flows = BtfObjects.Btf("bench/xdp_flow_table.o");
    private readonly BtfSpec _types = BtfObjects.Btf("btf/types.o");

    [Fact]
    public void The_flow_table_map_key_is_the_16_byte_struct_flow_key()
    {
        var map = Assert.IsType<BtfVariable>(_flows.FindByName("flows", BtfKind.Variable));
        var definition = Assert.IsType<BtfStruct>(_flows.Resolve(map.Type));
        var key = Assert.IsType<BtfPointer>(_flows[definition.FindMember("key")!.Type]);

        Assert.Equal("struct flow_key", _flows.FormatType(key.Type));
        Assert.Equal(16u, _flows.SizeOf(key.Type));
        Assert.Equal("struct flow_key *", _flows.FormatType(key.Id));
        Assert.Equal(8u, _flows.SizeOf(key.Id));
        var maxEntries = Assert.IsType<BtfPointer>(_flows[definition.FindMember("max_entries")!.Type]);
        Assert.Equal(65536u, Assert.IsType<BtfArray>(_flows[maxEntries.Type]).Count);
    }

    [Fact]
    public void Flow_key_members_have_their_C_types_offsets_and_sizes()
    {
        var key = Assert.IsType<BtfStruct>(_flows.FindByName("flow_key", BtfKind.Struct));
        var members = key.Members.Select(m => $"{_flows.FormatType(m.Type)} {m.Name} @{m.ByteOffset} +{_flows.SizeOf(m.Type)}");
        Assert.Equal(["__u32 saddr @0 +4", "__u32 daddr @4 +4", "__u16 sport @8 +2", "__u16 dport @10 +2", "__u8 proto @12 +1", "__u8[3] pad @13 +3"], members);
    }

    [Fact]
    public void Resolve_skips_typedefs_and_qualifiers_but_not_pointers()
    {
        var u32 = _flows.FindByName("__u32", BtfKind.Typedef)!;
        Assert.Equal("unsigned int", Assert.IsType<BtfInt>(_flows.Resolve(u32.Id)).Name);

        var counter = _types.FindByName("counter_t", BtfKind.Typedef)!;
        Assert.Equal("unsigned int", _types.Resolve(counter.Id).Name);
        var rodata = Assert.IsType<BtfVariable>(_types.FindByName("rodata_var", BtfKind.Variable));
        Assert.Equal("const volatile __u32", _types.FormatType(rodata.Type));
        Assert.Equal("unsigned int", _types.Resolve(rodata.Type).Name);

        var next = Record().FindMember("next")!;
        Assert.IsType<BtfPointer>(_types.Resolve(next.Type));
        Assert.Same(BtfVoid.Instance, _types.Resolve(0));
    }

    [Fact]
    public void Record_members_format_as_C_types()
    {
        var record = Record();
        string Member(string name) => _types.FormatType(record.FindMember(name)!.Type);

        Assert.Equal("counter_t", Member("hits"));
        Assert.Equal("enum color", Member("color"));
        Assert.Equal("struct flags", Member("flags"));
        Assert.Equal("union value", Member("value"));
        Assert.Equal("char[16]", Member("name"));
        Assert.Equal("int[2][3]", Member("matrix"));
        Assert.Equal("float", Member("ratio"));
        Assert.Equal("const volatile int *", Member("cv_ptr"));
        Assert.Equal("int * restrict", Member("restricted"));
        Assert.Equal("struct opaque *", Member("opaque"));
        Assert.Equal("union opaque_union *", Member("opaque_union"));
        Assert.Equal("int (*)(struct record *, int)", Member("callback"));
        Assert.Equal("struct record *", Member("next"));
        Assert.Equal("__attribute__((btf_type_tag(\"user\"))) int *", Member("user"));
        Assert.Equal("struct (anon)", _types.FormatType(Assert.IsType<BtfUnion>(_types[record.FindMember("value")!.Type]).FindMember("halves")!.Type));
    }

    [Fact]
    public void SizeOf_follows_arrays_typedefs_and_variables()
    {
        var record = Record();
        uint Size(string name) => _types.SizeOf(record.FindMember(name)!.Type);

        Assert.Equal(144u, _types.SizeOf(record.Id));
        Assert.Equal(4u, Size("hits"));
        Assert.Equal(4u, Size("color"));
        Assert.Equal(8u, Size("flags"));
        Assert.Equal(16u, Size("name"));
        Assert.Equal(24u, Size("matrix"));
        Assert.Equal(8u, Size("scale"));
        Assert.Equal(8u, Size("callback"));
        Assert.Equal(8u, _types.SizeOf(_types.FindByName("bss_var", BtfKind.Variable)!.Id));
        Assert.Equal(4u, _types.SizeOf(_types.FindByName("LICENSE", BtfKind.Variable)!.Id));
    }

    [Fact]
    public void SizeOf_refuses_void_functions_prototypes_and_forward_declarations()
    {
        var process = Assert.IsType<BtfFunction>(_types.FindByName("process", BtfKind.Function));
        foreach (var id in new[] { 0, process.Id, process.Type, _types.FindByName("opaque", BtfKind.Forward)!.Id })
        {
            Assert.False(_types.TrySizeOf(id, out _));
            Assert.Throws<InvalidOperationException>(() => _types.SizeOf(id));
        }

        Assert.False(_types.TrySizeOf(-1, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => _types.SizeOf(_types.Types.Length));
    }

    [Fact]
    public void Bitfields_carry_their_bit_offset_and_width()
    {
        var flags = Assert.IsType<BtfStruct>(_types.FindByName("flags", BtfKind.Struct));
        Assert.Equal(
            ["ready 0:1", "mode 1:3", "level 4:5", "wide 9:40", "tail 56:0"],
            flags.Members.Select(m => $"{m.Name} {m.BitOffset}:{m.BitfieldSize}"));
        Assert.Equal("int", _types.FormatType(flags.FindMember("level")!.Type));
        Assert.True(flags.FindMember("wide")!.IsBitfield);
        Assert.False(flags.FindMember("tail")!.IsBitfield);
    }

    [Fact]
    public void Functions_variables_and_sections_format_as_declarations()
    {
        Assert.Equal("int process(struct xdp_md *ctx)", _types.FormatType(_types.FindByName("process", BtfKind.Function)!.Id));
        var helper = Assert.IsType<BtfFunction>(_types.FindByName("sum_fields", BtfKind.Function));
        Assert.Equal("int sum_fields(struct record *r, int scale)", _types.FormatType(helper.Id));
        Assert.Equal(BtfFunctionLinkage.Static, helper.Linkage);
        Assert.Equal("__u64 bss_var", _types.FormatType(_types.FindByName("bss_var", BtfKind.Variable)!.Id));
        Assert.Equal("volatile enum big static_var", _types.FormatType(_types.FindByName("static_var", BtfKind.Variable)!.Id));
        Assert.Equal("SEC(\".rodata\")", _types.FormatType(_types.FindByName(".rodata", BtfKind.DataSection)!.Id));
        Assert.Equal("void", _types.FormatType(0));
    }

    [Fact]
    public void Data_sections_list_the_globals_of_data_rodata_bss_and_maps()
    {
        string Variables(string section) => string.Join(",", Assert.IsType<BtfDataSection>(_types.FindByName(section, BtfKind.DataSection))
            .Variables.Select(v => $"{_types[v.Type].Name}:{v.Size}"));

        Assert.Equal("data_var:4,color_var:4,static_var:4", Variables(".data"));
        Assert.Equal("rodata_var:4", Variables(".rodata"));
        Assert.Equal("bss_var:8", Variables(".bss"));
        Assert.Equal("records:32,counters:32", Variables(".maps"));
        Assert.Equal(BtfVariableLinkage.Static, Assert.IsType<BtfVariable>(_types.FindByName("static_var", BtfKind.Variable)).Linkage);
    }

    [Fact]
    public void Enums_and_tags_read_as_clang_14_writes_them()
    {
        var color = Assert.IsType<BtfEnum>(_types.FindByName("color", BtfKind.Enum));
        Assert.False(color.IsSigned);
        Assert.Equal(4294967293L, color.FindValue("BLUE")!.Value);
        Assert.Equal(5L, color.FindValue("GREEN")!.Value);

        var tags = _types.Types.OfType<BtfDeclTag>().Select(t => $"{t.Name} {_types[t.Type].Name} {t.ComponentIndex}");
        Assert.Equal(["struct_tag record -1", "member_tag record 15", "param_tag sum_fields 1"], tags);
    }

    [Fact]
    public void Lookups_by_id_and_string_offset_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _types[_types.Types.Length]);
        Assert.Throws<ArgumentOutOfRangeException>(() => _types[-1]);
        Assert.False(_types.TryGetType(_types.Types.Length, out _));
        Assert.Equal("", _types.StringAt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _types.StringAt(int.MaxValue));
        Assert.False(_types.TryGetString(-1, out _));
        Assert.Null(_types.FindByName("record", BtfKind.Union));
    }

    private BtfStruct Record() => Assert.IsType<BtfStruct>(_types.FindByName("record", BtfKind.Struct));
}
