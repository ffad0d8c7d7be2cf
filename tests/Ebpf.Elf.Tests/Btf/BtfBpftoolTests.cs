using Ebpf.Testing;
using System.Text.Json;
using Ebpf.Elf.Btf;

namespace Ebpf.Elf.Tests.Btf;

/// <summary>Every type of every object, compared field by field with <c>bpftool -j btf dump file</c>.</summary>
public sealed class BtfBpftoolTests
{
    public static TheoryData<string> Objects => BtfObjects.Names;

    [TheoryRequiring("bpftool")]
    [MemberData(nameof(Objects))]
    public void Types_match_bpftool(string name)
    {
        var btf = BtfObjects.Btf(name);
        using var dump = JsonDocument.Parse(ExternalTool.Run("bpftool", "-j", "btf", "dump", "file", BtfObjects.PathOf(name)));
        var expected = dump.RootElement.GetProperty("types").EnumerateArray().ToList();

        Assert.Equal(expected.Count + 1, btf.Types.Length);
        foreach (var json in expected)
        {
            var type = btf[json.GetProperty("id").GetInt32()];
            var where = $"{name} type [{type.Id}]";
            Assert.True(json.GetProperty("kind").GetString() == KindName(type.Kind), $"{where}: kind {type.Kind}, bpftool {json.GetProperty("kind")}");
            Assert.True(json.GetProperty("name").GetString() == NameOrAnon(type.Name), $"{where}: name '{type.Name}', bpftool {json.GetProperty("name")}");
            BpftoolJson.AssertFields(json, type, where);
        }
    }

    [FactRequiring("bpftool")]
    public void Every_test_object_has_BTF_and_a_source_beside_it()
    {
        var objects = Directory.GetFiles(BtfObjects.TestDataFolder, "*.o");
        Assert.NotEmpty(objects);
        foreach (var path in objects)
        {
            Assert.True(File.Exists(Path.ChangeExtension(path, ".c")), $"{path} has no C source beside it");
            Assert.NotNull(TestElf.Load(path).SectionData(BtfSpec.SectionName));
        }

        Assert.Contains(BtfObjects.All, path => BtfObjects.Name(path).StartsWith("bench/", StringComparison.Ordinal));
    }

    internal static string NameOrAnon(string name) => name.Length == 0 ? "(anon)" : name;

    internal static string KindName(BtfKind kind) => kind switch
    {
        BtfKind.Int => "INT",
        BtfKind.Pointer => "PTR",
        BtfKind.Array => "ARRAY",
        BtfKind.Struct => "STRUCT",
        BtfKind.Union => "UNION",
        BtfKind.Enum => "ENUM",
        BtfKind.Forward => "FWD",
        BtfKind.Typedef => "TYPEDEF",
        BtfKind.Volatile => "VOLATILE",
        BtfKind.Const => "CONST",
        BtfKind.Restrict => "RESTRICT",
        BtfKind.Function => "FUNC",
        BtfKind.FunctionProto => "FUNC_PROTO",
        BtfKind.Variable => "VAR",
        BtfKind.DataSection => "DATASEC",
        BtfKind.Float => "FLOAT",
        BtfKind.DeclTag => "DECL_TAG",
        BtfKind.TypeTag => "TYPE_TAG",
        BtfKind.Enum64 => "ENUM64",
        _ => "UNKN",
    };
}
