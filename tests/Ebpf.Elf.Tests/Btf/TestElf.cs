using System.Buffers.Binary;
using System.Text;

namespace Ebpf.Elf.Tests.Btf;

/// <summary>
/// TEST-ONLY: just enough ELF64 little-endian reading (section headers, section names, symbols) to
/// pull <c>.BTF</c> and <c>.BTF.ext</c> out of trusted test objects. It checks nothing; the real ELF
/// reader lives in Ebpf.Elf and is not used here so these tests stand on their own.
/// </summary>
internal sealed class TestElf
{
    private readonly byte[] _file;

    private TestElf(byte[] file, List<TestElfSection> sections)
    {
        _file = file;
        Sections = sections;
    }

    public IReadOnlyList<TestElfSection> Sections { get; }

    public static TestElf Load(string path) => Parse(File.ReadAllBytes(path));

    public static TestElf Parse(byte[] file)
    {
        var span = file.AsSpan();
        var tableOffset = (int)BinaryPrimitives.ReadUInt64LittleEndian(span[40..]);
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(span[58..]);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(span[60..]);
        var namesIndex = BinaryPrimitives.ReadUInt16LittleEndian(span[62..]);
        var raw = new List<(uint Name, uint Type, int Offset, int Size, uint Link)>();
        for (var i = 0; i < count; i++)
        {
            var header = span[(tableOffset + (i * entrySize))..];
            raw.Add((BinaryPrimitives.ReadUInt32LittleEndian(header),
                BinaryPrimitives.ReadUInt32LittleEndian(header[4..]),
                (int)BinaryPrimitives.ReadUInt64LittleEndian(header[24..]),
                (int)BinaryPrimitives.ReadUInt64LittleEndian(header[32..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[40..])));
        }

        var names = raw[namesIndex];
        var sections = new List<TestElfSection>();
        foreach (var s in raw)
        {
            // SHT_NOBITS (.bss) occupies no bytes of the file.
            sections.Add(new TestElfSection(sections.Count, CString(span.Slice(names.Offset, names.Size), (int)s.Name), s.Type, s.Offset, s.Type == 8 ? 0 : s.Size, s.Link));
        }
        return new TestElf(file, sections);
    }

    public TestElfSection? Find(string name) => Sections.FirstOrDefault(s => s.Name == name);

    public byte[] Data(TestElfSection section) => _file.AsSpan(section.Offset, section.Size).ToArray();

    /// <summary>The bytes of the section named <paramref name="name"/>, or null.</summary>
    public byte[]? SectionData(string name) => Find(name) is { } section ? Data(section) : null;

    /// <summary>Function symbols (STT_FUNC): name, section index, byte offset.</summary>
    public IEnumerable<(string Name, int Section, ulong Value)> Functions()
    {
        var symtab = Sections.First(s => s.Type == 2);
        var strtab = Sections[(int)symtab.Link];
        var symbols = _file.AsSpan(symtab.Offset, symtab.Size);
        var result = new List<(string, int, ulong)>();
        for (var at = 0; at + 24 <= symbols.Length; at += 24)
        {
            var entry = symbols[at..];
            if ((entry[4] & 0xf) == 2)
            {
                var name = CString(_file.AsSpan(strtab.Offset, strtab.Size), (int)BinaryPrimitives.ReadUInt32LittleEndian(entry));
                result.Add((name, BinaryPrimitives.ReadUInt16LittleEndian(entry[6..]), BinaryPrimitives.ReadUInt64LittleEndian(entry[8..])));
            }
        }

        return result;
    }

    private static string CString(ReadOnlySpan<byte> table, int offset)
    {
        var rest = table[offset..];
        return Encoding.UTF8.GetString(rest[..rest.IndexOf((byte)0)]);
    }
}

/// <summary>TEST-ONLY: one section header.</summary>
internal sealed record TestElfSection(int Index, string Name, uint Type, int Offset, int Size, uint Link);
