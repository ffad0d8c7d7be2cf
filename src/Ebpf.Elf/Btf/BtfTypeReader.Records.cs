using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;

namespace Ebpf.Elf.Btf;

internal static partial class BtfTypeReader
{
    private static BtfInt ReadInt(ref SpanReader reader, int id, string name, uint size)
    {
        var at = reader.Position;
        var data = reader.ReadUInt32();
        var encoding = (BtfIntEncoding)((data >> 24) & 0xf);
        var offset = (int)((data >> 16) & 0xff);
        var bits = (int)(data & 0xff);
        // The kernel's btf_int_check_meta: no reserved bits, a power-of-two size up to 16, the value
        // inside its storage, and at most one encoding.
        if ((data & 0xf000ff00) != 0 || size is not (1 or 2 or 4 or 8 or 16) || bits > 128
            || offset + bits > size * 8 || encoding is not (BtfIntEncoding.None or BtfIntEncoding.Signed or BtfIntEncoding.Char or BtfIntEncoding.Bool))
        {
            throw Malformed($"int [{id}] '{name}' is invalid: size {size}, data 0x{data:x8}", at);
        }

        return new BtfInt(id, name, size, encoding, offset, bits);
    }

    private static ImmutableArray<BtfMember> ReadMembers(ref SpanReader reader, int id, int count, bool kindFlag, uint size, BtfStringTable strings)
    {
        var members = ImmutableArray.CreateBuilder<BtfMember>(count);
        for (var i = 0; i < count; i++)
        {
            var at = reader.Position;
            var name = strings.Get(reader.ReadUInt32(), DiagnosticCode.MalformedBtf, BtfSpec.SectionName, at, $"name of member {i} of type [{id}]");
            var type = TypeId(reader.ReadUInt32(), at + 4);
            var offset = reader.ReadUInt32();
            // With kind_flag, offset is bitfield_size << 24 | bit_offset (BTF_MEMBER_BITFIELD_SIZE/BIT_OFFSET).
            var bitfieldSize = kindFlag ? (int)(offset >> 24) : 0;
            var bitOffset = kindFlag ? offset & 0xffffff : offset;
            if (bitOffset + (ulong)bitfieldSize > size * 8UL || bitfieldSize > 128)
            {
                throw Malformed($"member '{name}' of type [{id}] at bit {bitOffset} (bitfield size {bitfieldSize}) lies outside its {size} bytes", at + 8);
            }

            members.Add(new BtfMember(name, type, bitOffset, bitfieldSize));
        }

        return members.MoveToImmutable();
    }

    private static BtfEnum ReadEnum(ref SpanReader reader, int id, string name, bool is64Bit, int count, bool signed, uint size, BtfStringTable strings)
    {
        if (size is not (1 or 2 or 4 or 8))
        {
            throw Malformed($"enum [{id}] '{name}' has size {size}; it must be 1, 2, 4 or 8", reader.Position - 4);
        }

        var values = ImmutableArray.CreateBuilder<BtfEnumValue>(count);
        for (var i = 0; i < count; i++)
        {
            var at = reader.Position;
            var valueName = strings.Get(reader.ReadUInt32(), DiagnosticCode.MalformedBtf, BtfSpec.SectionName, at, $"name of enumerator {i} of type [{id}]");
            long value;
            if (is64Bit)
            {
                var low = reader.ReadUInt32();
                var high = reader.ReadUInt32();
                value = unchecked((long)(((ulong)high << 32) | low));
            }
            else
            {
                var raw = reader.ReadInt32();
                value = signed ? raw : unchecked((uint)raw);
            }

            values.Add(new BtfEnumValue(valueName, value));
        }

        return new BtfEnum(id, name, size, signed, is64Bit, values.MoveToImmutable());
    }

    private static ImmutableArray<BtfParameter> ReadParameters(ref SpanReader reader, int id, int count, BtfStringTable strings)
    {
        var parameters = ImmutableArray.CreateBuilder<BtfParameter>(count);
        for (var i = 0; i < count; i++)
        {
            var at = reader.Position;
            var name = strings.Get(reader.ReadUInt32(), DiagnosticCode.MalformedBtf, BtfSpec.SectionName, at, $"name of parameter {i} of type [{id}]");
            parameters.Add(new BtfParameter(name, TypeId(reader.ReadUInt32(), at + 4)));
        }

        return parameters.MoveToImmutable();
    }

    private static BtfVariable ReadVariable(ref SpanReader reader, int id, string name, int type)
    {
        var at = reader.Position;
        var linkage = reader.ReadUInt32();
        if (linkage > (uint)BtfVariableLinkage.Extern)
        {
            throw Malformed($"variable [{id}] '{name}' has unknown linkage {linkage}", at);
        }

        return new BtfVariable(id, name, type, (BtfVariableLinkage)linkage);
    }

    private static ImmutableArray<BtfVarSecInfo> ReadVariables(ref SpanReader reader, int count)
    {
        var variables = ImmutableArray.CreateBuilder<BtfVarSecInfo>(count);
        for (var i = 0; i < count; i++)
        {
            var type = TypeId(reader.ReadUInt32(), reader.Position - 4);
            variables.Add(new BtfVarSecInfo(type, reader.ReadUInt32(), reader.ReadUInt32()));
        }

        return variables.MoveToImmutable();
    }
}
