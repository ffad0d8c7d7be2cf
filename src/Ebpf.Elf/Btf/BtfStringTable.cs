using System.Collections.Immutable;
using System.Text;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;

namespace Ebpf.Elf.Btf;

/// <summary>
/// The string section of <c>.BTF</c>: NUL-terminated UTF-8 strings addressed by byte offset. Checked on
/// creation, as libbpf does, to start and end with NUL, so every valid offset has a terminator.
/// </summary>
internal sealed class BtfStringTable
{
    private readonly ImmutableArray<byte> _bytes;

    private BtfStringTable(ImmutableArray<byte> bytes) => _bytes = bytes;

    public int Length => _bytes.Length;

    /// <param name="bytes">The string section.</param>
    /// <param name="at">Its offset in <c>.BTF</c>, for messages.</param>
    public static BtfStringTable Create(ReadOnlySpan<byte> bytes, long at)
    {
        if (bytes.IsEmpty || bytes[0] != 0 || bytes[^1] != 0)
        {
            throw MalformedInputException.At(DiagnosticCode.MalformedBtf,
                $"the {bytes.Length}-byte string section must start and end with a NUL byte", BtfSpec.SectionName, at);
        }

        return new BtfStringTable([.. bytes]);
    }

    public bool TryGet(long offset, out string value)
    {
        if (offset < 0 || offset >= _bytes.Length)
        {
            value = "";
            return false;
        }

        var rest = _bytes.AsSpan()[(int)offset..];
        value = Encoding.UTF8.GetString(rest[..rest.IndexOf((byte)0)]);
        return true;
    }

    /// <summary>The string at <paramref name="offset"/>, or a <see cref="MalformedInputException"/> naming what referred to it.</summary>
    /// <param name="offset">The string offset.</param>
    /// <param name="code">The code to report.</param>
    /// <param name="section">The section that holds the reference.</param>
    /// <param name="at">Where the reference is in that section.</param>
    /// <param name="what">What the string is, for the message (<c>name of type [5]</c>).</param>
    public string Get(uint offset, DiagnosticCode code, string section, long at, string what) =>
        TryGet(offset, out var value)
            ? value
            : throw MalformedInputException.At(code, $"{what}: string offset {offset} lies outside the {_bytes.Length}-byte string section", section, at);
}
