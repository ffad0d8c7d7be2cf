using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;

namespace Ebpf.Elf.Format;

/// <summary>
/// The sections, symbols and relocations of a 64-bit little-endian relocatable BPF ELF object, every
/// offset and index checked against the file.
/// </summary>
public sealed class ElfFile
{
    /// <summary>Sections larger than this in memory are refused: no BPF object needs them, and they would exhaust memory.</summary>
    public const ulong MaxSectionSize = 1 << 25;

    private readonly ImmutableArray<ImmutableArray<ElfRelocation>> _relocations;

    private ElfFile(ImmutableArray<ElfSection> sections, ImmutableArray<ElfSymbol> symbols, ImmutableArray<ImmutableArray<ElfRelocation>> relocations)
    {
        Sections = sections;
        Symbols = symbols;
        _relocations = relocations;
    }

    /// <summary>All sections, by index (index 0 is the null section).</summary>
    public ImmutableArray<ElfSection> Sections { get; }

    /// <summary>All symbols of <c>.symtab</c>, by index.</summary>
    public ImmutableArray<ElfSymbol> Symbols { get; }

    /// <summary>The relocations that apply to the section at <paramref name="sectionIndex"/>, in file order.</summary>
    public ImmutableArray<ElfRelocation> RelocationsOf(int sectionIndex) => _relocations[sectionIndex];

    /// <summary>The first section named <paramref name="name"/>, or null.</summary>
    public ElfSection? Find(string name) => Sections.FirstOrDefault(s => s.Name == name);

    /// <summary>Reads an object; throws <see cref="MalformedInputException"/> when it is not a readable BPF object.</summary>
    internal static ElfFile Parse(ReadOnlyMemory<byte> file)
    {
        var bytes = file.Span;
        CheckIdentity(bytes);
        var header = new SpanReader(bytes, DiagnosticCode.MalformedElf, "ELF header");
        header.Seek(16);
        var type = header.ReadUInt16();
        var machine = header.ReadUInt16();
        if (type != ElfConstants.TypeRelocatable || machine != ElfConstants.MachineBpf)
        {
            throw MalformedInputException.At(DiagnosticCode.UnsupportedElf,
                $"ELF type {type} for machine {machine}; a BPF object is relocatable (1) for machine BPF (247): compile with clang -target bpf -c");
        }

        header.Seek(40);
        var sectionTableOffset = header.ReadUInt64();
        header.Seek(58);
        var sectionHeaderSize = header.ReadUInt16();
        var sectionCount = header.ReadUInt16();
        var namesIndex = header.ReadUInt16();
        if (sectionHeaderSize != ElfConstants.SectionHeaderSize || sectionCount == 0 || namesIndex >= sectionCount)
        {
            throw MalformedInputException.At(DiagnosticCode.MalformedElf,
                $"section header table: entry size {sectionHeaderSize}, {sectionCount} entries, names in section {namesIndex}", "ELF header");
        }

        var table = header.Slice((long)Math.Min(sectionTableOffset, long.MaxValue), (long)sectionCount * sectionHeaderSize);
        var raw = ReadSectionHeaders(file, table, sectionCount);
        var names = raw[namesIndex].Data;
        var sections = raw
            .Select(s => new ElfSection(s.Index, SpanReader.ReadCString(names.Span, s.NameOffset, DiagnosticCode.MalformedElf, ".shstrtab"),
                s.Type, s.Flags, s.Size, s.Link, s.Info, s.Data))
            .ToImmutableArray();
        var symbols = ReadSymbols(sections);
        return new ElfFile(sections, symbols, ReadRelocations(sections, symbols));
    }

    private static void CheckIdentity(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || !bytes[..4].SequenceEqual("\x7f"u8 + "ELF"u8))
        {
            throw MalformedInputException.At(DiagnosticCode.NotElf, "the file does not start with the ELF magic number");
        }

        if (bytes.Length < ElfConstants.HeaderSize)
        {
            throw MalformedInputException.At(DiagnosticCode.MalformedElf, $"the file is {bytes.Length} bytes long, shorter than an ELF64 header", "ELF header");
        }

        if (bytes[4] != ElfConstants.Class64 || bytes[5] != ElfConstants.LittleEndian)
        {
            throw MalformedInputException.At(DiagnosticCode.UnsupportedElf,
                $"ELF class {bytes[4]}, data encoding {bytes[5]}; only 64-bit little-endian objects (clang -target bpf, or bpfel) are supported");
        }
    }

    private sealed record RawSection(int Index, uint NameOffset, uint Type, ulong Flags, ulong Size, uint Link, uint Info, ReadOnlyMemory<byte> Data);

    private static List<RawSection> ReadSectionHeaders(ReadOnlyMemory<byte> file, ReadOnlySpan<byte> table, int count)
    {
        var sections = new List<RawSection>(count);
        var reader = new SpanReader(table, DiagnosticCode.MalformedElf, "section header table");
        var whole = new SpanReader(file.Span, DiagnosticCode.MalformedElf);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadUInt32();
            var type = reader.ReadUInt32();
            var flags = reader.ReadUInt64();
            reader.ReadUInt64(); // sh_addr
            var offset = reader.ReadUInt64();
            var size = reader.ReadUInt64();
            var link = reader.ReadUInt32();
            var info = reader.ReadUInt32();
            reader.ReadUInt64(); // sh_addralign
            reader.ReadUInt64(); // sh_entsize
            if (size > MaxSectionSize)
            {
                throw MalformedInputException.At(DiagnosticCode.MalformedElf, $"section {i} claims {size} bytes", $"section {i}");
            }

            var data = ReadOnlyMemory<byte>.Empty;
            if (type != ElfConstants.SectionNoBits && i != 0)
            {
                // Checked first: Slice throws our exception when the section lies outside the file.
                whole.Slice((long)Math.Min(offset, long.MaxValue), (long)size);
                data = file.Slice((int)offset, (int)size);
            }

            sections.Add(new RawSection(i, name, type, flags, size, link, info, data));
        }

        return sections;
    }

    private static ImmutableArray<ElfSymbol> ReadSymbols(ImmutableArray<ElfSection> sections)
    {
        var symtab = sections.FirstOrDefault(s => s.Type == ElfConstants.SectionSymbolTable);
        if (symtab is null)
        {
            return [];
        }

        if (symtab.Link >= sections.Length || symtab.Data.Length % ElfConstants.SymbolSize != 0)
        {
            throw MalformedInputException.At(DiagnosticCode.MalformedSymbol, "the symbol table's size or string table link is invalid", symtab.Name);
        }

        var strings = sections[(int)symtab.Link].Data.Span;
        var reader = new SpanReader(symtab.Data.Span, DiagnosticCode.MalformedSymbol, symtab.Name);
        var symbols = ImmutableArray.CreateBuilder<ElfSymbol>(symtab.Data.Length / ElfConstants.SymbolSize);
        for (var i = 0; reader.Remaining > 0; i++)
        {
            var name = reader.ReadUInt32();
            var info = reader.ReadByte();
            reader.ReadByte(); // st_other
            var shndx = reader.ReadUInt16();
            var value = reader.ReadUInt64();
            var size = reader.ReadUInt64();
            if (shndx < ElfConstants.SectionReserveStart && shndx >= sections.Length)
            {
                throw MalformedInputException.At(DiagnosticCode.MalformedSymbol, $"symbol {i} is defined in section {shndx}, which does not exist", symtab.Name);
            }

            var text = name == 0 ? "" : SpanReader.ReadCString(strings, name, DiagnosticCode.MalformedSymbol, ".strtab");
            symbols.Add(new ElfSymbol(i, text, (ElfSymbolType)(info & 0xf), (ElfSymbolBinding)(info >> 4),
                shndx >= ElfConstants.SectionReserveStart ? ElfConstants.SectionUndefined : shndx, value, size));
        }

        return symbols.MoveToImmutable();
    }

    private static ImmutableArray<ImmutableArray<ElfRelocation>> ReadRelocations(ImmutableArray<ElfSection> sections, ImmutableArray<ElfSymbol> symbols)
    {
        var bySection = new ImmutableArray<ElfRelocation>.Builder?[sections.Length];
        foreach (var section in sections.Where(s => s.IsRelocation))
        {
            if (section.Info >= sections.Length)
            {
                throw MalformedInputException.At(DiagnosticCode.MalformedRelocation, $"applies to section {section.Info}, which does not exist", section.Name);
            }

            var entrySize = section.Type == ElfConstants.SectionRela ? ElfConstants.RelaSize : ElfConstants.RelSize;
            var reader = new SpanReader(section.Data.Span, DiagnosticCode.MalformedRelocation, section.Name);
            var list = bySection[section.Info] ??= ImmutableArray.CreateBuilder<ElfRelocation>();
            while (reader.Remaining >= entrySize)
            {
                var offset = reader.ReadUInt64();
                var info = reader.ReadUInt64();
                var addend = entrySize == ElfConstants.RelaSize ? reader.ReadInt64() : 0;
                var symbol = info >> 32;
                if (symbol >= (ulong)symbols.Length)
                {
                    throw MalformedInputException.At(DiagnosticCode.MalformedRelocation, $"refers to symbol {symbol}, which does not exist", section.Name, reader.Position - entrySize);
                }

                list.Add(new ElfRelocation(offset, symbols[(int)symbol], (uint)info, addend));
            }

            if (reader.Remaining != 0)
            {
                throw MalformedInputException.At(DiagnosticCode.MalformedRelocation, "its size is not a whole number of entries", section.Name);
            }
        }

        return [.. bySection.Select(b => b?.ToImmutable() ?? [])];
    }
}
