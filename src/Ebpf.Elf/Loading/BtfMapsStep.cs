using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Elf.Binary;
using Ebpf.Elf.Btf;
using Ebpf.Elf.Format;

namespace Ebpf.Elf.Loading;

/// <summary>
/// Reads BTF-defined maps: each variable of the <c>.maps</c> data section is a struct whose members
/// encode the definition as libbpf's macros write it: <c>__uint(name, n)</c> is a pointer to an array of
/// n elements, <c>__type(key, T)</c> a pointer to T, <c>__array(values, struct inner)</c> an array of
/// pointers to the inner map's definition. Relocations in <c>.maps</c> give initial slots.
/// </summary>
internal static class BtfMapsStep
{
    public const string SectionName = ".maps";

    public static void Run(LoadContext context)
    {
        if (context.Elf.Find(SectionName) is not { } section)
        {
            return;
        }

        var btf = context.Btf ?? throw Error("the object defines maps in .maps but has no usable BTF to describe them (compile with -g)");
        if (btf.FindByName(SectionName, BtfKind.DataSection) is not BtfDataSection datasec)
        {
            throw Error("BTF has no .maps data section describing the maps");
        }

        var relocations = context.Elf.RelocationsOf(section.Index);
        foreach (var info in datasec.Variables)
        {
            if (!btf.TryGetType(info.Type, out var type) || type is not BtfVariable variable)
            {
                throw Error($"entry {info.Type} of the .maps data section is not a variable");
            }

            var symbol = context.Elf.Symbols.FirstOrDefault(s => s.SectionIndex == section.Index && s.Name == variable.Name)
                ?? throw Error($"map '{variable.Name}' has no symbol in .maps");
            var definition = Read(btf, variable.Name, variable.Type, depth: 0, out var valuesOffset);
            var slots = relocations
                .Where(r => r.Offset >= symbol.Value + valuesOffset && r.Offset < symbol.Value + info.Size)
                .ToImmutableSortedDictionary(r => (uint)((r.Offset - symbol.Value - valuesOffset) / 8), r => r.Symbol.Name);
            context.MapsByLocation[(section.Index, symbol.Value)] = context.Maps.Count;
            context.Maps.Add(definition with { Origin = MapOrigin.BtfMaps, SectionName = SectionName, InitialSlots = slots });
        }
    }

    private static MapSpec Read(BtfSpec btf, string name, int typeId, int depth, out ulong valuesOffset)
    {
        valuesOffset = 0;
        if (Resolve(btf, typeId, name) is not BtfStruct definition)
        {
            throw Error($"map '{name}' is not described by a struct");
        }

        var fields = new Dictionary<string, ulong>(StringComparer.Ordinal);
        int keyType = 0, valueType = 0;
        MapSpec? inner = null;
        foreach (var member in definition.Members)
        {
            switch (member.Name)
            {
                case "type" or "max_entries" or "map_flags" or "numa_node" or "key_size" or "value_size" or "pinning" or "map_extra":
                    fields[member.Name] = Count(btf, member, name);
                    break;
                case "key":
                    keyType = PointedType(btf, member.Type, name, member.Name);
                    break;
                case "value":
                    valueType = PointedType(btf, member.Type, name, member.Name);
                    break;
                case "values":
                    valuesOffset = member.ByteOffset;
                    inner = InnerDefinition(btf, member, name, depth);
                    break;
                default:
                    throw Error($"map '{name}' has unknown field '{member.Name}'");
            }
        }

        var keySize = Size(btf, fields, "key_size", keyType, name);
        var valueSize = inner is not null || MapTypeHoldsReferences(fields) ? 4 : Size(btf, fields, "value_size", valueType, name);
        return new MapSpec(name, (MapType)Field(fields, "type"), keySize, valueSize, Field(fields, "max_entries"), (MapFlags)Field(fields, "map_flags"))
        {
            Pinning = (MapPinning)Math.Min(Field(fields, "pinning"), 1),
            NumaNode = Field(fields, "numa_node"),
            MapExtra = fields.GetValueOrDefault("map_extra"),
            InnerMap = inner,
            KeyTypeId = keyType,
            ValueTypeId = valueType,
            KeyTypeName = keyType == 0 ? null : btf.FormatType(keyType),
            ValueTypeName = valueType == 0 ? null : btf.FormatType(valueType),
        };
    }

    /// <summary>Program arrays and maps of maps hold 4-byte ids as values, whatever <c>__array</c> says.</summary>
    private static bool MapTypeHoldsReferences(Dictionary<string, ulong> fields) =>
        (MapType)Field(fields, "type") is MapType.ProgArray or MapType.ArrayOfMaps or MapType.HashOfMaps;

    private static MapSpec? InnerDefinition(BtfSpec btf, BtfMember member, string name, int depth)
    {
        if (Resolve(btf, member.Type, name) is not BtfArray array || Resolve(btf, array.ElementType, name) is not BtfPointer pointer)
        {
            throw Error($"map '{name}' has a 'values' field that is not an array of pointers");
        }

        if (Resolve(btf, pointer.Type, name) is not BtfStruct)
        {
            return null; // a program array: __array(values, int (void *))
        }

        if (depth > 0)
        {
            throw Error($"map '{name}' nests maps of maps deeper than one level");
        }

        return Read(btf, name + ".inner", pointer.Type, depth + 1, out _) with { Origin = MapOrigin.BtfMaps, SectionName = SectionName };
    }

    private static uint Size(BtfSpec btf, Dictionary<string, ulong> fields, string field, int type, string name)
    {
        uint? fromType = type == 0 ? null : btf.TrySizeOf(type, out var size) ? size : throw Error($"map '{name}' has a {field[..^5]} type without a size");
        uint? explicitSize = fields.TryGetValue(field, out var value) ? (uint)value : null;
        if (fromType is { } a && explicitSize is { } b && a != b)
        {
            throw Error($"map '{name}' says {field} {b} but its {field[..^5]} type is {a} bytes");
        }

        return fromType ?? explicitSize ?? 0;
    }

    private static uint Field(Dictionary<string, ulong> fields, string name) => (uint)Math.Min(fields.GetValueOrDefault(name), uint.MaxValue);

    /// <summary><c>__uint(name, n)</c> is <c>int (*name)[n]</c>: a pointer to an array whose length is the value.</summary>
    private static ulong Count(BtfSpec btf, BtfMember member, string name)
    {
        if (Resolve(btf, member.Type, name) is BtfPointer pointer && Resolve(btf, pointer.Type, name) is BtfArray array)
        {
            return array.Count;
        }

        throw Error($"map '{name}' field '{member.Name}' is not written as __uint(): a pointer to an array");
    }

    private static int PointedType(BtfSpec btf, int type, string name, string field) =>
        Resolve(btf, type, name) is BtfPointer pointer ? pointer.Type : throw Error($"map '{name}' field '{field}' is not written as __type(): a pointer");

    private static BtfType Resolve(BtfSpec btf, int id, string name) =>
        btf.TryGetType(id, out _) ? btf.Resolve(id) : throw Error($"map '{name}' refers to BTF type {id}, which does not exist");

    private static MalformedInputException Error(string message) =>
        MalformedInputException.At(DiagnosticCode.MalformedMapDefinition, message, SectionName);
}
