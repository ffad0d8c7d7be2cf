using System.Text.Json;
using Ebpf.Elf.Btf;

namespace Ebpf.Elf.Tests.Btf;

/// <summary>Compares one parsed type with its object in <c>bpftool -j btf dump</c> (bpftool's btf.c, dump_btf_type).</summary>
internal static class BpftoolJson
{
    public static void AssertFields(JsonElement json, BtfType type, string where)
    {
        switch (type)
        {
            case BtfInt i:
                Equal(json, "size", i.Size, where);
                Equal(json, "bits_offset", i.BitOffset, where);
                Equal(json, "nr_bits", i.Bits, where);
                Assert.Equal(i.Encoding switch { BtfIntEncoding.Signed => "SIGNED", BtfIntEncoding.Char => "CHAR", BtfIntEncoding.Bool => "BOOL", _ => "(none)" },
                    json.GetProperty("encoding").GetString());
                break;
            case BtfPointer or BtfTypedef or BtfQualifier or BtfTypeTag:
                Equal(json, "type_id", ChainTarget(type), where);
                break;
            case BtfArray a:
                Equal(json, "type_id", a.ElementType, where);
                Equal(json, "index_type_id", a.IndexType, where);
                Equal(json, "nr_elems", a.Count, where);
                break;
            case BtfComposite c:
                Equal(json, "size", c.Size, where);
                Equal(json, "vlen", c.Members.Length, where);
                var members = json.GetProperty("members").EnumerateArray().ToList();
                Assert.Equal(members.Count, c.Members.Length);
                for (var m = 0; m < members.Count; m++)
                {
                    var member = c.Members[m];
                    var at = $"{where} member {m}";
                    Assert.True(members[m].GetProperty("name").GetString() == BtfBpftoolTests.NameOrAnon(member.Name), at);
                    Equal(members[m], "type_id", member.Type, at);
                    Equal(members[m], "bits_offset", member.BitOffset, at);
                    var bitfield = members[m].TryGetProperty("bitfield_size", out var size) ? size.GetInt64() : 0;
                    Assert.True(bitfield == member.BitfieldSize, $"{at}: bitfield size {member.BitfieldSize}, bpftool {bitfield}");
                }

                break;
            case BtfEnum e:
                Equal(json, "size", e.Size, where);
                Equal(json, "vlen", e.Values.Length, where);
                var values = json.GetProperty("values").EnumerateArray().ToList();
                Assert.Equal(values.Count, e.Values.Length);
                for (var v = 0; v < values.Count; v++)
                {
                    Assert.Equal(values[v].GetProperty("name").GetString(), e.Values[v].Name);
                    // bpftool widens 32-bit values to 64 bits with sign extension; compare the bits the kind holds.
                    var raw = values[v].GetProperty("val");
                    var bits = raw.TryGetUInt64(out var u) ? u : unchecked((ulong)raw.GetInt64());
                    var mask = e.Is64Bit ? ulong.MaxValue : uint.MaxValue;
                    Assert.True((bits & mask) == (e.Values[v].UnsignedValue & mask), $"{where} value {e.Values[v].Name}: {e.Values[v].Value}, bpftool {raw}");
                }

                break;
            case BtfForward f:
                Assert.Equal(f.IsUnion ? "union" : "struct", json.GetProperty("fwd_kind").GetString());
                break;
            case BtfFunction f:
                Equal(json, "type_id", f.Type, where);
                Assert.Equal(f.Linkage.ToString().ToLowerInvariant(), json.GetProperty("linkage").GetString());
                break;
            case BtfFunctionProto p:
                Equal(json, "ret_type_id", p.ReturnType, where);
                var parameters = json.GetProperty("params").EnumerateArray().ToList();
                Assert.Equal(parameters.Count, p.Parameters.Length);
                for (var n = 0; n < parameters.Count; n++)
                {
                    Assert.Equal(parameters[n].GetProperty("name").GetString(), BtfBpftoolTests.NameOrAnon(p.Parameters[n].Name));
                    Equal(parameters[n], "type_id", p.Parameters[n].Type, $"{where} parameter {n}");
                }

                break;
            case BtfVariable v:
                Equal(json, "type_id", v.Type, where);
                Assert.Equal(v.Linkage switch { BtfVariableLinkage.Static => "static", BtfVariableLinkage.Global => "global", _ => "extern" },
                    json.GetProperty("linkage").GetString());
                break;
            case BtfDataSection d:
                Equal(json, "size", d.Size, where);
                var vars = json.GetProperty("vars").EnumerateArray().ToList();
                Assert.Equal(vars.Count, d.Variables.Length);
                for (var n = 0; n < vars.Count; n++)
                {
                    Equal(vars[n], "type_id", d.Variables[n].Type, where);
                    Equal(vars[n], "offset", d.Variables[n].Offset, where);
                    Equal(vars[n], "size", d.Variables[n].Size, where);
                }

                break;
            case BtfFloat f:
                Equal(json, "size", f.Size, where);
                break;
            case BtfDeclTag t:
                Equal(json, "type_id", t.Type, where);
                Equal(json, "component_idx", t.ComponentIndex, where);
                break;
            default:
                Assert.Fail($"{where}: unexpected {type.Kind}");
                break;
        }
    }

    private static int ChainTarget(BtfType type) => type switch
    {
        BtfPointer p => p.Type,
        BtfTypedef t => t.Type,
        BtfQualifier q => q.Type,
        BtfTypeTag t => t.Type,
        _ => -1,
    };

    private static void Equal(JsonElement json, string field, long actual, string where)
    {
        var expected = json.GetProperty(field).GetInt64();
        Assert.True(expected == actual, $"{where}: {field} is {actual}, bpftool says {expected}");
    }
}
