using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Elf.Binary;
using Ebpf.Elf.Format;

namespace Ebpf.Elf.Loading;

/// <summary>
/// Reads <c>struct bpf_map_def</c> entries from the legacy <c>maps</c> section: five 32-bit fields (type, key
/// size, value size, max entries, flags), possibly followed by more (inner map index, NUMA node, pinning) in
/// longer variants. As libbpf does, the entry size is the section size divided by the number of map symbols.
/// </summary>
internal static class LegacyMapsStep
{
    private const int MinimumDefinitionSize = 20;

    public static void Run(LoadContext context)
    {
        if (context.Elf.Find("maps") is not { } section)
        {
            return;
        }

        var symbols = context.Elf.Symbols
            .Where(s => s.SectionIndex == section.Index && s.Type is ElfSymbolType.Object or ElfSymbolType.NoType && s.Name.Length > 0)
            .OrderBy(s => s.Value)
            .ToList();
        if (symbols.Count == 0)
        {
            return;
        }

        var size = section.Data.Length / symbols.Count;
        if (size < MinimumDefinitionSize || section.Data.Length % symbols.Count != 0)
        {
            throw MalformedInputException.At(DiagnosticCode.MalformedMapDefinition,
                $"{section.Data.Length} bytes for {symbols.Count} map definitions: each needs at least {MinimumDefinitionSize} bytes, all the same size", "maps");
        }

        foreach (var symbol in symbols)
        {
            if (symbol.Value % (ulong)size != 0 || symbol.Value + (ulong)size > (ulong)section.Data.Length)
            {
                throw MalformedInputException.At(DiagnosticCode.MalformedMapDefinition,
                    $"map '{symbol.Name}' at offset {symbol.Value} is not on a {size}-byte definition boundary", "maps");
            }

            var reader = new SpanReader(section.Data.Span.Slice((int)symbol.Value, size), DiagnosticCode.MalformedMapDefinition, "maps");
            var spec = new MapSpec(symbol.Name, (MapType)reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), (MapFlags)reader.ReadUInt32())
            {
                Origin = MapOrigin.LegacyMaps,
                SectionName = "maps",
            };
            if (reader.Remaining >= 12)
            {
                reader.ReadUInt32(); // inner_map_idx: resolved by a later step where supported
                spec = spec with { NumaNode = reader.ReadUInt32(), Pinning = (MapPinning)Math.Min(reader.ReadUInt32(), 1) };
            }

            context.MapsByLocation[(section.Index, symbol.Value)] = context.Maps.Count;
            context.Maps.Add(spec);
        }
    }
}
