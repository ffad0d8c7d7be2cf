using System.Buffers.Binary;
using System.Text;
using Ebpf.Elf.Btf;

namespace Ebpf.Elf.Tests.Btf;

/// <summary>Writes <c>.BTF</c> sections by hand, for kinds clang 14 cannot emit (ENUM64) and for broken input.</summary>
internal sealed class BtfBuilder
{
    private readonly List<uint> _types = [];
    private readonly List<byte> _strings = [0];
    private readonly Dictionary<string, uint> _offsets = new() { [""] = 0 };

    public int Count { get; private set; }

    /// <summary>The string table offset of <paramref name="text"/>, adding it if new.</summary>
    public uint String(string text)
    {
        if (!_offsets.TryGetValue(text, out var offset))
        {
            offset = (uint)_strings.Count;
            _strings.AddRange(Encoding.UTF8.GetBytes(text));
            _strings.Add(0);
            _offsets[text] = offset;
        }

        return offset;
    }

    /// <summary>Adds a type record and the u32 words that follow it; returns its id.</summary>
    public int Add(BtfKind kind, string name, int vlen, uint sizeOrType, bool kindFlag = false, params uint[] extra)
    {
        _types.Add(String(name));
        _types.Add((kindFlag ? 1u << 31 : 0) | ((uint)kind << 24) | (uint)vlen);
        _types.Add(sizeOrType);
        _types.AddRange(extra);
        return ++Count;
    }

    public int Int(string name, uint size, BtfIntEncoding encoding = BtfIntEncoding.None) =>
        Add(BtfKind.Int, name, 0, size, false, ((uint)encoding << 24) | (size * 8));

    public int Pointer(int target) => Add(BtfKind.Pointer, "", 0, (uint)target);

    public int Typedef(string name, int target) => Add(BtfKind.Typedef, name, 0, (uint)target);

    public int Const(int target) => Add(BtfKind.Const, "", 0, (uint)target);

    public int Array(int element, int index, uint count) => Add(BtfKind.Array, "", 0, 0, false, (uint)element, (uint)index, count);

    public int Struct(string name, uint size, params (string Name, int Type, uint BitOffset)[] members) =>
        Add(BtfKind.Struct, name, members.Length, size, false, [.. members.SelectMany(m => new[] { String(m.Name), (uint)m.Type, m.BitOffset })]);

    public int FunctionProto(int returnType, params (string Name, int Type)[] parameters) =>
        Add(BtfKind.FunctionProto, "", parameters.Length, (uint)returnType, false, [.. parameters.SelectMany(p => new[] { String(p.Name), (uint)p.Type })]);

    public int Function(string name, int proto, BtfFunctionLinkage linkage = BtfFunctionLinkage.Global) =>
        Add(BtfKind.Function, name, (int)linkage, (uint)proto);

    /// <summary>Header, types, strings: the layout clang writes.</summary>
    public byte[] Build()
    {
        var types = new byte[_types.Count * 4];
        for (var i = 0; i < _types.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(types.AsSpan(i * 4), _types[i]);
        }

        var strings = _strings.ToArray();
        var section = new byte[24 + types.Length + strings.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(section, 0xeb9f);
        section[2] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(section.AsSpan(4), 24);
        BinaryPrimitives.WriteUInt32LittleEndian(section.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(section.AsSpan(12), (uint)types.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(section.AsSpan(16), (uint)types.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(section.AsSpan(20), (uint)strings.Length);
        types.CopyTo(section, 24);
        strings.CopyTo(section, 24 + types.Length);
        return section;
    }
}
