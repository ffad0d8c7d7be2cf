using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;

namespace Ebpf.Elf.Btf;

/// <summary>
/// Reads <c>.BTF.ext</c> as libbpf does (btf_ext__new, btf_ext_setup_info). Offsets in the header
/// count from its end; core_relo_off/len exist only when hdr_len allows:
/// <code>
/// 0  u16 magic 0xeB9F | 2 u8 version (1) | 3 u8 flags | 4 u32 hdr_len
/// 8  u32 func_info_off | 12 u32 func_info_len | 16 u32 line_info_off | 20 u32 line_info_len
/// 24 u32 core_relo_off | 28 u32 core_relo_len
/// each info block: u32 rec_size, then per code section { u32 sec_name_off; u32 num_info; num_info records of rec_size bytes }
/// </code>
/// A rec_size larger than the record this reader knows is accepted and the tail skipped (newer
/// compilers may append fields); a smaller one is refused.
/// </summary>
internal static class BtfExtReader
{
    private const int MinHeaderSize = 24;
    private const int CoreHeaderSize = 32;
    private const int FuncInfoSize = 8;
    private const int LineInfoSize = 16;
    private const int CoreRelocationSize = 16;

    public static BtfExt Read(ReadOnlySpan<byte> section, BtfSpec btf)
    {
        var reader = new SpanReader(section, DiagnosticCode.MalformedBtfExt, BtfExt.SectionName);
        var magic = reader.ReadUInt16();
        if (magic != BtfSpec.Magic)
        {
            throw Malformed($"magic 0x{magic:x4} is not the BTF magic 0xeb9f", 0);
        }

        var version = reader.ReadByte();
        if (version != 1)
        {
            throw Malformed($"BTF.ext version {version} is not supported (only version 1 exists)", 2);
        }

        reader.ReadByte(); // flags: none are defined.
        var headerLength = reader.ReadUInt32();
        if (headerLength < MinHeaderSize || headerLength > section.Length)
        {
            throw Malformed($"header length {headerLength} must be at least {MinHeaderSize} and at most the section's {section.Length} bytes", 4);
        }

        var sections = new SortedDictionary<string, SectionBuilder>(StringComparer.Ordinal);
        foreach (var block in ReadBlocks(section, headerLength, reader.ReadUInt32(), reader.ReadUInt32(), FuncInfoSize, "func info", btf, 8))
        {
            ReadFuncInfos(section, block, btf, Builder(sections, block.Section).FuncInfos);
        }

        foreach (var block in ReadBlocks(section, headerLength, reader.ReadUInt32(), reader.ReadUInt32(), LineInfoSize, "line info", btf, 16))
        {
            ReadLineInfos(section, block, btf, Builder(sections, block.Section).LineInfos);
        }

        if (headerLength >= CoreHeaderSize)
        {
            foreach (var block in ReadBlocks(section, headerLength, reader.ReadUInt32(), reader.ReadUInt32(), CoreRelocationSize, "CO-RE relocation", btf, 24))
            {
                ReadCoreRelocations(section, block, btf, Builder(sections, block.Section).CoreRelocations);
            }
        }

        return new BtfExt(sections.Values.Select(s => s.ToSection()).ToImmutableSortedDictionary(s => s.Name, s => s, StringComparer.Ordinal));
    }

    private static List<InfoBlock> ReadBlocks(ReadOnlySpan<byte> section, uint headerLength, uint offset, uint length, int minRecordSize, string what, BtfSpec btf, int fieldAt)
    {
        var blocks = new List<InfoBlock>();
        if (length == 0)
        {
            return blocks;
        }

        var start = (long)headerLength + offset;
        if ((offset & 3) != 0 || start + length > section.Length)
        {
            throw Malformed($"{what} ({offset}+{length} after the header) is not 4-byte aligned or runs past the section's {section.Length} bytes", fieldAt);
        }

        var reader = new SpanReader(section[..(int)(start + length)], DiagnosticCode.MalformedBtfExt, BtfExt.SectionName);
        reader.Seek(start);
        var recordSize = reader.ReadUInt32();
        if (recordSize < minRecordSize || (recordSize & 3) != 0)
        {
            throw Malformed($"{what} record size {recordSize} is not a multiple of 4 of at least {minRecordSize} bytes", start);
        }

        if (reader.Remaining == 0)
        {
            throw Malformed($"{what} has a record size but no sections", start);
        }

        while (reader.Remaining > 0)
        {
            var at = reader.Position;
            var name = btf.Strings.Get(reader.ReadUInt32(), DiagnosticCode.MalformedBtfExt, BtfExt.SectionName, at, $"{what} section name");
            var count = reader.ReadUInt32();
            if (count == 0 || (ulong)count * recordSize > (ulong)reader.Remaining)
            {
                throw Malformed($"{what} of section '{name}' claims {count} records of {recordSize} bytes; {reader.Remaining} bytes remain", at + 4);
            }

            blocks.Add(new InfoBlock(name, reader.Position, (int)count, (int)recordSize));
            reader.Seek(reader.Position + (count * recordSize));
        }

        return blocks;
    }

    private static void ReadFuncInfos(ReadOnlySpan<byte> section, InfoBlock block, BtfSpec btf, ImmutableArray<BtfFuncInfo>.Builder into)
    {
        var reader = new SpanReader(section, DiagnosticCode.MalformedBtfExt, BtfExt.SectionName);
        for (var i = 0; i < block.Count; i++)
        {
            var at = block.Start + (i * block.RecordSize);
            reader.Seek(at);
            var instruction = InstructionIndex(reader.ReadUInt32(), at);
            var typeId = reader.ReadUInt32();
            if (typeId >= btf.Types.Length || btf.Types[(int)typeId] is not BtfFunction)
            {
                throw Malformed($"func info of section '{block.Section}' names type [{typeId}], which is not a function", at + 4);
            }

            into.Add(new BtfFuncInfo(instruction, (int)typeId));
        }
    }

    private static void ReadLineInfos(ReadOnlySpan<byte> section, InfoBlock block, BtfSpec btf, ImmutableArray<BtfLineInfo>.Builder into)
    {
        var reader = new SpanReader(section, DiagnosticCode.MalformedBtfExt, BtfExt.SectionName);
        for (var i = 0; i < block.Count; i++)
        {
            var at = block.Start + (i * block.RecordSize);
            reader.Seek(at);
            var instruction = InstructionIndex(reader.ReadUInt32(), at);
            var file = btf.Strings.Get(reader.ReadUInt32(), DiagnosticCode.MalformedBtfExt, BtfExt.SectionName, at + 4, "line info file name");
            var text = btf.Strings.Get(reader.ReadUInt32(), DiagnosticCode.MalformedBtfExt, BtfExt.SectionName, at + 8, "line info source line");
            var lineColumn = reader.ReadUInt32();
            into.Add(new BtfLineInfo(instruction, file, text, (int)(lineColumn >> 10), (int)(lineColumn & 0x3ff)));
        }
    }

    private static void ReadCoreRelocations(ReadOnlySpan<byte> section, InfoBlock block, BtfSpec btf, ImmutableArray<BtfCoreRelocation>.Builder into)
    {
        var reader = new SpanReader(section, DiagnosticCode.MalformedBtfExt, BtfExt.SectionName);
        for (var i = 0; i < block.Count; i++)
        {
            var at = block.Start + (i * block.RecordSize);
            reader.Seek(at);
            var instruction = InstructionIndex(reader.ReadUInt32(), at);
            var typeId = reader.ReadUInt32();
            if (typeId >= btf.Types.Length)
            {
                throw Malformed($"CO-RE relocation of section '{block.Section}' names type [{typeId}], but the last type is [{btf.Types.Length - 1}]", at + 4);
            }

            var access = btf.Strings.Get(reader.ReadUInt32(), DiagnosticCode.MalformedBtfExt, BtfExt.SectionName, at + 8, "CO-RE access string");
            var kind = reader.ReadUInt32();
            if (kind > (uint)BtfCoreRelocationKind.TypeMatches)
            {
                throw Malformed($"CO-RE relocation of section '{block.Section}' has unknown kind {kind}", at + 12);
            }

            into.Add(new BtfCoreRelocation(instruction, (int)typeId, access, (BtfCoreRelocationKind)kind));
        }
    }

    private static int InstructionIndex(uint byteOffset, long at) =>
        byteOffset % 8 == 0 ? (int)(byteOffset / 8) : throw Malformed($"instruction offset {byteOffset} is not a multiple of 8", at);

    private static SectionBuilder Builder(SortedDictionary<string, SectionBuilder> sections, string name)
    {
        if (!sections.TryGetValue(name, out var builder))
        {
            builder = new SectionBuilder(name);
            sections.Add(name, builder);
        }

        return builder;
    }

    private static MalformedInputException Malformed(string message, long at) =>
        MalformedInputException.At(DiagnosticCode.MalformedBtfExt, message, BtfExt.SectionName, at);

    /// <summary>The records of one code section in one info block: where they start, how many, how long each.</summary>
    private readonly record struct InfoBlock(string Section, int Start, int Count, int RecordSize);

    private sealed class SectionBuilder(string name)
    {
        public ImmutableArray<BtfFuncInfo>.Builder FuncInfos { get; } = ImmutableArray.CreateBuilder<BtfFuncInfo>();

        public ImmutableArray<BtfLineInfo>.Builder LineInfos { get; } = ImmutableArray.CreateBuilder<BtfLineInfo>();

        public ImmutableArray<BtfCoreRelocation>.Builder CoreRelocations { get; } = ImmutableArray.CreateBuilder<BtfCoreRelocation>();

        public BtfExtSection ToSection() => new(name, FuncInfos.ToImmutable(), LineInfos.ToImmutable(), CoreRelocations.ToImmutable());
    }
}
