using System.Collections.Immutable;
using System.Text;
using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Compilation;
using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Native.Generation;

/// <summary>
/// Map helper calls on a map the code knows (r1 loaded by an <c>lddw</c> of it in the same block), written as the JIT
/// emits them: array and per-CPU array lookups inlined, hash lookups specialised for the key size, other lookups,
/// updates and deletes called on the map (<see cref="NativeMaps"/>). Records, for the program's
/// <see cref="NativeProgram"/>, which helpers it replaced and what it assumed of each map, for the load to check.
/// </summary>
internal sealed class MapCallWriter(ImmutableArray<MapSpec> maps, AbiTable abi, bool enabled)
{
    private readonly SortedDictionary<int, NativeMapOperation> _helpers = [];
    private readonly SortedDictionary<int, InlinedMap> _maps = [];

    /// <summary>The name of map <paramref name="index"/>, for comments.</summary>
    public string? MapName(int index) => index >= 0 && index < maps.Length ? maps[index].Name : null;

    /// <summary>
    /// The statement performing helper <paramref name="id"/> on map <paramref name="map"/>, which the <c>lddw</c> at
    /// <paramref name="lddwSlot"/> loaded into r1; null when the call stays a helper call.
    /// </summary>
    public string? Call(int id, int map, int lddwSlot)
    {
        var prototype = abi.FindHelper(id);
        NativeMapOperation? operation = prototype?.Name switch
        {
            "bpf_map_lookup_elem" => NativeMapOperation.Lookup,
            "bpf_map_update_elem" => NativeMapOperation.Update,
            "bpf_map_delete_elem" => NativeMapOperation.Delete,
            _ => null,
        };
        if (!enabled || operation is not { } op || map < 0 || map >= maps.Length)
        {
            return null;
        }

        var spec = maps[map];
        if (MapClasses.Of(spec.Type) is not { } type)
        {
            return null;
        }

        var call = $"NativeMaps.Map<global::{type.FullName}>(r1)";
        var statement = op switch
        {
            NativeMapOperation.Lookup => InlinedLookups.Of(spec.Type) switch
            {
                InlinedLookup.Array => "NativeMaps.ArrayLookup(r1, r2)",
                InlinedLookup.PercpuArray => "NativeMaps.PercpuArrayLookup(r1, r2)",
                InlinedLookup.Hash => IKeyShape.For((int)spec.KeySize).Name switch
                {
                    nameof(Key4) => "NativeMaps.HashLookup4(r1, r2)",
                    nameof(Key8) => "NativeMaps.HashLookup8(r1, r2)",
                    nameof(Key16) => "NativeMaps.HashLookup16(r1, r2)",
                    _ => "NativeMaps.HashLookup(r1, r2)",
                },
                _ => $"{call}.LookupElement((byte*)r2)",
            },
            NativeMapOperation.Update => $"(ulong){call}.UpdateElement((byte*)r2, (byte*)r3, r4)",
            _ => $"(ulong){call}.DeleteElement((byte*)r2)",
        };
        _helpers[id] = op;
        _maps[lddwSlot] = new InlinedMap(spec.Type, spec.KeySize);
        return $"r0 = {statement}; // {prototype!.Name} on {spec.Type} '{NativeObjectWriter.Escape(spec.Name)}', without the helper";
    }

    /// <summary>The <see cref="NativeProgram"/> initializer naming what the program's code inlined, or nothing.</summary>
    public void WriteInitializer(StringBuilder text)
    {
        if (_helpers.Count == 0)
        {
            return;
        }

        text.Append("        {\n            InlinedHelpers = new Dictionary<int, NativeMapOperation> { ");
        text.AppendJoin(", ", _helpers.Select(h => $"[{h.Key}] = NativeMapOperation.{h.Value}"));
        text.Append(" },\n            InlinedMaps = new Dictionary<int, InlinedMap> { ");
        text.AppendJoin(", ", _maps.Select(m => $"[{m.Key}] = new({TypeName(m.Value.Type)}, {m.Value.KeySize})"));
        text.Append(" },\n        }");
    }

    private static string TypeName(MapType type) => Enum.IsDefined(type) ? $"MapType.{type}" : $"(MapType){(uint)type}";
}
