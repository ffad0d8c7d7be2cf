using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;

namespace Ebpf.Elf.Btf;

/// <summary>
/// The types of a <c>.BTF</c> section (Linux Documentation/bpf/btf.rst), read and checked: every id a
/// type refers to exists, no chain of pointers, modifiers and arrays loops back on itself. Immutable and
/// safe to share between threads.
/// </summary>
public sealed partial class BtfSpec
{
    /// <summary>The ELF section that holds BTF.</summary>
    public const string SectionName = ".BTF";

    private readonly Dictionary<(string Name, BtfKind Kind), int> _byName = [];

    private BtfSpec(ImmutableArray<BtfType> types, BtfStringTable strings)
    {
        Types = types;
        Strings = strings;
        foreach (var type in types)
        {
            if (!type.IsAnonymous)
            {
                _byName.TryAdd((type.Name, type.Kind), type.Id);
            }
        }
    }

    /// <summary>Every type, indexed by id; <c>Types[0]</c> is <see cref="BtfVoid"/>.</summary>
    public ImmutableArray<BtfType> Types { get; }

    internal BtfStringTable Strings { get; }

    /// <summary>The type with id <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No type has that id.</exception>
    public BtfType this[int id]
    {
        get
        {
            CheckId(id);
            return Types[id];
        }
    }

    /// <summary>The type with id <paramref name="id"/>, if there is one.</summary>
    public bool TryGetType(int id, [NotNullWhen(true)] out BtfType? type)
    {
        type = id >= 0 && id < Types.Length ? Types[id] : null;
        return type is not null;
    }

    /// <summary>The NUL-terminated string at byte <paramref name="offset"/> of the string section.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset lies outside the string section.</exception>
    public string StringAt(int offset) =>
        Strings.TryGet(offset, out var value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(offset), offset, $"the string section has {Strings.Length} bytes");

    /// <summary>The string at byte <paramref name="offset"/> of the string section, if the offset lies inside it.</summary>
    public bool TryGetString(int offset, [NotNullWhen(true)] out string? value)
    {
        var found = Strings.TryGet(offset, out var text);
        value = found ? text : null;
        return found;
    }

    /// <summary>The first type of kind <paramref name="kind"/> named <paramref name="name"/>, or null.</summary>
    public BtfType? FindByName(string name, BtfKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue((name, kind), out var id) ? Types[id] : null;
    }

    /// <summary>
    /// Reads a <c>.BTF</c> section. On malformed input it returns false and a
    /// <see cref="DiagnosticCode.MalformedBtf"/> diagnostic with the byte offset.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> section, [NotNullWhen(true)] out BtfSpec? spec, [NotNullWhen(false)] out Diagnostic? diagnostic)
    {
        try
        {
            spec = Parse(section);
            diagnostic = null;
            return true;
        }
        catch (MalformedInputException malformed)
        {
            spec = null;
            diagnostic = malformed.Diagnostic;
            return false;
        }
    }

    private void CheckId(int id)
    {
        if (id < 0 || id >= Types.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"type ids run from 0 to {Types.Length - 1}");
        }
    }
}
