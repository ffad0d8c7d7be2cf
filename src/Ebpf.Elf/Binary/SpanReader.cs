using System.Buffers.Binary;
using System.Text;
using Ebpf.Core.Diagnostics;

namespace Ebpf.Elf.Binary;

/// <summary>
/// A little-endian reader over bytes that checks every read against the end of its span and throws
/// <see cref="MalformedInputException"/> with the section and offset instead of reading past it.
/// </summary>
internal ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly string? _section;
    private readonly DiagnosticCode _code;

    /// <param name="bytes">What to read.</param>
    /// <param name="code">The code reported when a read would run past the end.</param>
    /// <param name="section">The section the bytes come from, for messages.</param>
    public SpanReader(ReadOnlySpan<byte> bytes, DiagnosticCode code, string? section = null)
    {
        _bytes = bytes;
        _code = code;
        _section = section;
    }

    /// <summary>Where the next read starts.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes left after <see cref="Position"/>.</summary>
    public readonly int Remaining => _bytes.Length - Position;

    /// <summary>Total length.</summary>
    public readonly int Length => _bytes.Length;

    public void Seek(long position)
    {
        if (position < 0 || position > _bytes.Length)
        {
            throw MalformedInputException.At(_code, $"offset {position} lies outside the {_bytes.Length} bytes available", _section, position);
        }

        Position = (int)position;
    }

    public ReadOnlySpan<byte> ReadBytes(long count)
    {
        if (count < 0 || count > Remaining)
        {
            throw MalformedInputException.At(_code, $"{count} bytes needed but only {Remaining} remain", _section, Position);
        }

        var slice = _bytes.Slice(Position, (int)count);
        Position += (int)count;
        return slice;
    }

    public byte ReadByte() => ReadBytes(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadBytes(8));

    /// <summary>A slice of the whole span, checked: for tables located by header fields.</summary>
    public readonly ReadOnlySpan<byte> Slice(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset > _bytes.Length || length > _bytes.Length - offset)
        {
            throw MalformedInputException.At(_code, $"{length} bytes at offset {offset} lie outside the {_bytes.Length} bytes available", _section, offset);
        }

        return _bytes.Slice((int)offset, (int)length);
    }

    /// <summary>The NUL-terminated string at <paramref name="offset"/> of a string table.</summary>
    public static string ReadCString(ReadOnlySpan<byte> table, long offset, DiagnosticCode code, string? section)
    {
        if (offset < 0 || offset >= table.Length)
        {
            throw MalformedInputException.At(code, $"string offset {offset} lies outside the {table.Length}-byte string table", section, offset);
        }

        var rest = table[(int)offset..];
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            throw MalformedInputException.At(code, "string is not NUL-terminated", section, offset);
        }

        return Encoding.UTF8.GetString(rest[..end]);
    }
}
