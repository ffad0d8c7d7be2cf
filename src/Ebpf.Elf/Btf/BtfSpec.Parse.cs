using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;

namespace Ebpf.Elf.Btf;

public sealed partial class BtfSpec
{
    /// <summary><c>BTF_MAGIC</c>, as a little-endian u16.</summary>
    internal const ushort Magic = 0xEB9F;

    /// <summary>The size of <c>struct btf_header</c>; newer writers may append fields, which must then be zero.</summary>
    private const int HeaderSize = 24;

    /// <summary>
    /// Reads a <c>.BTF</c> section; throws <see cref="MalformedInputException"/> (code
    /// <see cref="DiagnosticCode.MalformedBtf"/>, section <c>.BTF</c>, byte offset) on malformed input.
    /// </summary>
    /// <remarks>
    /// Layout (btf.rst, "BTF Type and String Encoding"); offsets in the header count from its end:
    /// <code>
    /// 0  u16 magic 0xeB9F | 2 u8 version (1) | 3 u8 flags | 4 u32 hdr_len
    /// 8  u32 type_off | 12 u32 type_len | 16 u32 str_off | 20 u32 str_len
    /// hdr_len + type_off: type section (4-aligned) ... hdr_len + str_off: string section
    /// </code>
    /// </remarks>
    internal static BtfSpec Parse(ReadOnlySpan<byte> section)
    {
        var reader = new SpanReader(section, DiagnosticCode.MalformedBtf, SectionName);
        var magic = reader.ReadUInt16();
        if (magic != Magic)
        {
            throw Malformed(magic == 0x9FEB
                ? "the BTF is big-endian; only little-endian BPF objects are supported"
                : $"magic 0x{magic:x4} is not the BTF magic 0xeb9f", 0);
        }

        var version = reader.ReadByte();
        if (version != 1)
        {
            throw Malformed($"BTF version {version} is not supported (only version 1 exists)", 2);
        }

        reader.ReadByte(); // flags: none are defined; libbpf ignores them.
        var headerLength = reader.ReadUInt32();
        if (headerLength < HeaderSize || headerLength > section.Length)
        {
            throw Malformed($"header length {headerLength} must be at least {HeaderSize} and at most the section's {section.Length} bytes", 4);
        }

        var typeOffset = reader.ReadUInt32();
        var typeLength = reader.ReadUInt32();
        var stringOffset = reader.ReadUInt32();
        var stringLength = reader.ReadUInt32();
        CheckHeaderTail(section, (int)headerLength);

        // As libbpf (btf_parse_hdr): types are 4-aligned, come before the strings, and both fit.
        long dataLength = section.Length - headerLength;
        if ((typeOffset & 3) != 0)
        {
            throw Malformed($"type section offset {typeOffset} is not 4-byte aligned", 8);
        }

        if ((long)typeOffset + typeLength > dataLength || (long)stringOffset + stringLength > dataLength)
        {
            throw Malformed($"types ({typeOffset}+{typeLength}) or strings ({stringOffset}+{stringLength}) run past the {dataLength} bytes after the header", 8);
        }

        if ((long)typeOffset + typeLength > stringOffset)
        {
            throw Malformed($"the type section ({typeOffset}+{typeLength}) overlaps or follows the string section at {stringOffset}", 8);
        }

        var stringStart = headerLength + stringOffset;
        var strings = BtfStringTable.Create(reader.Slice(stringStart, stringLength), stringStart);
        var typeStart = (int)(headerLength + typeOffset);
        var types = BtfTypeReader.Read(section[..(typeStart + (int)typeLength)], typeStart, strings, out var offsets);
        BtfValidator.Validate(types, offsets);
        return new BtfSpec(types, strings);
    }

    private static void CheckHeaderTail(ReadOnlySpan<byte> section, int headerLength)
    {
        // Fields this reader does not know must be zero, as the kernel demands (btf_parse_hdr).
        var tail = section[HeaderSize..headerLength];
        var nonZero = tail.IndexOfAnyExcept((byte)0);
        if (nonZero >= 0)
        {
            throw Malformed($"the header is {headerLength} bytes and has unknown non-zero fields", HeaderSize + nonZero);
        }
    }

    private static MalformedInputException Malformed(string message, long at) =>
        MalformedInputException.At(DiagnosticCode.MalformedBtf, message, SectionName, at);
}
