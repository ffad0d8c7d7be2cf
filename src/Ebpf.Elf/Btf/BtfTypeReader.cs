using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;

namespace Ebpf.Elf.Btf;

/// <summary>
/// Reads the type section of <c>.BTF</c>: a sequence of <c>struct btf_type</c>, each followed by the
/// data its kind needs. Ids are given in order from 1. References are checked afterwards, by
/// <see cref="BtfValidator"/>, because a type may refer to one defined after it.
/// </summary>
/// <remarks>
/// <code>
/// struct btf_type { u32 name_off; u32 info; u32 size_or_type; }
/// info: bit 31 kind_flag | bits 24-28 kind | bits 0-15 vlen   (bits 16-23 and 29-30 reserved, zero)
/// </code>
/// </remarks>
internal static partial class BtfTypeReader
{
    /// <summary><c>BTF_MAX_TYPE</c>: the largest type id.</summary>
    public const int MaxTypeId = 0xfffff;

    private const uint InfoMask = 0x9f00ffff;

    /// <param name="bytes">The section, cut at the end of the type section, so offsets stay section-relative.</param>
    /// <param name="start">Where the type section starts.</param>
    /// <param name="strings">The string section.</param>
    /// <param name="offsets">Each type's offset in the section, by id (-1 for void), for later messages.</param>
    public static ImmutableArray<BtfType> Read(ReadOnlySpan<byte> bytes, int start, BtfStringTable strings, out ImmutableArray<int> offsets)
    {
        var reader = new SpanReader(bytes, DiagnosticCode.MalformedBtf, BtfSpec.SectionName);
        reader.Seek(start);
        var types = ImmutableArray.CreateBuilder<BtfType>();
        var starts = ImmutableArray.CreateBuilder<int>();
        types.Add(BtfVoid.Instance);
        starts.Add(-1);
        while (reader.Remaining > 0)
        {
            if (types.Count > MaxTypeId)
            {
                throw Malformed($"more than {MaxTypeId} types", reader.Position);
            }

            starts.Add(reader.Position);
            types.Add(ReadType(ref reader, types.Count, strings));
        }

        offsets = starts.ToImmutable();
        return types.ToImmutable();
    }

    private static BtfType ReadType(ref SpanReader reader, int id, BtfStringTable strings)
    {
        var at = reader.Position;
        var nameOffset = reader.ReadUInt32();
        var info = reader.ReadUInt32();
        var sizeOrType = reader.ReadUInt32();
        if ((info & ~InfoMask) != 0)
        {
            throw Malformed($"type [{id}] has reserved info bits set (info 0x{info:x8})", at + 4);
        }

        var kind = (BtfKind)((info >> 24) & 0x1f);
        var vlen = (int)(info & 0xffff);
        var kindFlag = (info >> 31) != 0;
        var name = strings.Get(nameOffset, DiagnosticCode.MalformedBtf, BtfSpec.SectionName, at, $"name of type [{id}]");
        if (vlen != 0 && kind is not (BtfKind.Struct or BtfKind.Union or BtfKind.Enum or BtfKind.Enum64
            or BtfKind.Function or BtfKind.FunctionProto or BtfKind.DataSection))
        {
            throw Malformed($"type [{id}] {kind} has vlen {vlen}; its kind has no members", at + 4);
        }

        switch (kind)
        {
            case BtfKind.Int:
                return ReadInt(ref reader, id, name, sizeOrType);
            case BtfKind.Pointer:
                return new BtfPointer(id, TypeId(sizeOrType, at + 8));
            case BtfKind.Array:
                var element = TypeId(reader.ReadUInt32(), at + 12);
                var index = TypeId(reader.ReadUInt32(), at + 16);
                return new BtfArray(id, element, index, reader.ReadUInt32());
            case BtfKind.Struct:
                return new BtfStruct(id, name, sizeOrType, ReadMembers(ref reader, id, vlen, kindFlag, sizeOrType, strings));
            case BtfKind.Union:
                return new BtfUnion(id, name, sizeOrType, ReadMembers(ref reader, id, vlen, kindFlag, sizeOrType, strings));
            case BtfKind.Enum:
            case BtfKind.Enum64:
                return ReadEnum(ref reader, id, name, kind == BtfKind.Enum64, vlen, kindFlag, sizeOrType, strings);
            case BtfKind.Forward:
                return new BtfForward(id, name, kindFlag);
            case BtfKind.Typedef:
                return new BtfTypedef(id, name, TypeId(sizeOrType, at + 8));
            case BtfKind.Volatile:
                return new BtfVolatile(id, TypeId(sizeOrType, at + 8));
            case BtfKind.Const:
                return new BtfConst(id, TypeId(sizeOrType, at + 8));
            case BtfKind.Restrict:
                return new BtfRestrict(id, TypeId(sizeOrType, at + 8));
            case BtfKind.Function:
                if (vlen > (int)BtfFunctionLinkage.Extern)
                {
                    throw Malformed($"function [{id}] '{name}' has unknown linkage {vlen}", at + 4);
                }

                return new BtfFunction(id, name, TypeId(sizeOrType, at + 8), (BtfFunctionLinkage)vlen);
            case BtfKind.FunctionProto:
                return new BtfFunctionProto(id, TypeId(sizeOrType, at + 8), ReadParameters(ref reader, id, vlen, strings));
            case BtfKind.Variable:
                return ReadVariable(ref reader, id, name, TypeId(sizeOrType, at + 8));
            case BtfKind.DataSection:
                return new BtfDataSection(id, name, sizeOrType, ReadVariables(ref reader, vlen));
            case BtfKind.Float:
                if (sizeOrType is not (2 or 4 or 8 or 12 or 16))
                {
                    throw Malformed($"float [{id}] '{name}' has size {sizeOrType}; it must be 2, 4, 8, 12 or 16", at + 8);
                }

                return new BtfFloat(id, name, sizeOrType);
            case BtfKind.DeclTag:
                var component = reader.ReadInt32();
                if (component < -1)
                {
                    throw Malformed($"decl tag [{id}] has component index {component}; it must be -1 or a member or parameter index", at + 12);
                }

                return new BtfDeclTag(id, name, TypeId(sizeOrType, at + 8), component);
            case BtfKind.TypeTag:
                return new BtfTypeTag(id, name, TypeId(sizeOrType, at + 8));
            default:
                throw Malformed($"type [{id}] has unknown kind {(int)kind}", at + 4);
        }
    }

    private static int TypeId(uint value, long at) =>
        value <= MaxTypeId ? (int)value : throw Malformed($"type id {value} exceeds the largest possible id {MaxTypeId}", at);

    private static MalformedInputException Malformed(string message, long at) =>
        MalformedInputException.At(DiagnosticCode.MalformedBtf, message, BtfSpec.SectionName, at);
}
