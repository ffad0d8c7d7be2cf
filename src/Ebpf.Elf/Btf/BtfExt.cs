using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;

namespace Ebpf.Elf.Btf;

/// <summary>
/// The <c>.BTF.ext</c> section: function starts, source lines and CO-RE relocations of each code section,
/// whose names and strings live in <c>.BTF</c>. Immutable.
/// </summary>
public sealed class BtfExt
{
    /// <summary>The ELF section that holds it.</summary>
    public const string SectionName = ".BTF.ext";

    internal BtfExt(ImmutableSortedDictionary<string, BtfExtSection> sections) => Sections = sections;

    /// <summary>An object without <c>.BTF.ext</c>.</summary>
    public static BtfExt Empty { get; } = new(ImmutableSortedDictionary.Create<string, BtfExtSection>(StringComparer.Ordinal));

    /// <summary>The records of each code section, by ELF section name (ordinal order).</summary>
    public IReadOnlyDictionary<string, BtfExtSection> Sections { get; }

    /// <summary>The records of the code section <paramref name="name"/>, if it has any.</summary>
    public bool TryGetSection(string name, [NotNullWhen(true)] out BtfExtSection? section) => Sections.TryGetValue(name, out section);

    /// <summary>
    /// Reads a <c>.BTF.ext</c> section whose names refer to <paramref name="btf"/>; throws
    /// <see cref="MalformedInputException"/> (code <see cref="DiagnosticCode.MalformedBtfExt"/>) on malformed input.
    /// </summary>
    internal static BtfExt Parse(ReadOnlySpan<byte> section, BtfSpec btf) => BtfExtReader.Read(section, btf);

    /// <summary>
    /// Reads a <c>.BTF.ext</c> section whose names refer to <paramref name="btf"/>. On malformed input it
    /// returns false and a <see cref="DiagnosticCode.MalformedBtfExt"/> diagnostic with the byte offset.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> section, BtfSpec btf, [NotNullWhen(true)] out BtfExt? ext, [NotNullWhen(false)] out Diagnostic? diagnostic)
    {
        ArgumentNullException.ThrowIfNull(btf);
        try
        {
            ext = Parse(section, btf);
            diagnostic = null;
            return true;
        }
        catch (MalformedInputException malformed)
        {
            ext = null;
            diagnostic = malformed.Diagnostic;
            return false;
        }
    }
}
