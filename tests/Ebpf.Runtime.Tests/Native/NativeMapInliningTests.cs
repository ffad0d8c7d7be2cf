using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Native;
using Ebpf.Runtime.Native.Generation;
using Ebpf.Runtime.Programs;

namespace Ebpf.Runtime.Tests.Native;

/// <summary>
/// Map helpers on a map the generated code knows (the <c>lddw</c> before the call) are performed without the helper, as
/// the JIT performs them, with the helper's results; and only where what the code assumed holds at load.
/// </summary>
public sealed class NativeMapInliningTests
{
    /// <summary>Each map with what the generated code should call for its lookup.</summary>
    private static readonly (MapSpec Map, string Lookup)[] Maps =
    [
        (Map("array", MapType.Array, 4), "NativeMaps.ArrayLookup(r1, r2)"),
        (Map("percpu_array", MapType.PercpuArray, 4), "NativeMaps.PercpuArrayLookup(r1, r2)"),
        (Map("hash4", MapType.Hash, 4), "NativeMaps.HashLookup4(r1, r2)"),
        (Map("hash5", MapType.Hash, 5), "NativeMaps.HashLookup(r1, r2)"),
        (Map("hash8", MapType.Hash, 8), "NativeMaps.HashLookup8(r1, r2)"),
        (Map("hash12", MapType.Hash, 12), "NativeMaps.HashLookup(r1, r2)"),
        (Map("hash16", MapType.Hash, 16), "NativeMaps.HashLookup16(r1, r2)"),
        (Map("percpu_hash", MapType.PercpuHash, 8), "NativeMaps.HashLookup8(r1, r2)"),
        (Map("lru", MapType.LruHash, 16), "NativeMaps.HashLookup16(r1, r2)"),
        (Map("lru_percpu", MapType.LruPercpuHash, 4), "NativeMaps.HashLookup4(r1, r2)"),
        (Map("lpm", MapType.LpmTrie, 8) with { Flags = MapFlags.NoPrealloc }, "NativeMaps.Map<global::Ebpf.Runtime.Maps.LpmTrieMap>(r1).LookupElement((byte*)r2)"),
    ];

    [Fact]
    public void Map_helpers_on_every_map_type_and_key_shape_give_the_interpreters_results_and_maps()
    {
        var spec = MapObject();
        var source = NativeObjectWriter.Write(spec, new NativeWriterOptions("Ebpf.Tests.Generated", "MapInlining"));
        foreach (var (map, lookup) in Maps)
        {
            Assert.Contains($"r0 = {lookup}; // bpf_map_lookup_elem on {map.Type} '{map.Name}'", source, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("NativeRuntime.CallHelper", source, StringComparison.Ordinal);
        using var reference = LoadedObject.Load(spec, new LoadOptions(EngineKind.Interpreter));
        using var loaded = GeneratedCode.Load(spec, new NativeWriterOptions("Ebpf.Tests.Generated", "MapInlining")).Load();
        Assert.All(loaded.Programs, p => Assert.Equal(EngineKind.Native, p.Executable.Engine));
        var packet = new byte[64];
        foreach (var program in reference.Programs)
        {
            // Twice: the first run adds each key, the second finds it there (and the update replaces it).
            for (var run = 0; run < 2; run++)
            {
                Assert.Equal(program.TestRun(new TestRunOptions(packet)).ReturnValue, loaded.FindProgram(program.Name)!.TestRun(new TestRunOptions(packet)).ReturnValue);
            }
        }

        for (var i = 0; i < reference.Maps.Length; i++)
        {
            Assert.Equal(Entries(reference.Maps[i]), Entries(loaded.Maps[i]));
        }

        // Each program stored the sum of what its helpers returned: the update 0, the value found 41, the delete 0
        // (arrays: -EINVAL, so 19).
        for (var i = 0; i < Maps.Length; i++)
        {
            var sum = new byte[8];
            Assert.Equal(MapError.None, loaded.Maps[^1].Lookup(BitConverter.GetBytes((uint)i), sum));
            Assert.Equal(Maps[i].Map.Type is MapType.Array or MapType.PercpuArray ? 19UL : 41UL, BitConverter.ToUInt64(sum));
        }
    }

    [Fact]
    public void Code_that_inlined_a_helper_runs_in_the_interpreter_under_a_table_that_replaces_it_or_checked_options()
    {
        var spec = MapObject();
        var native = GeneratedCode.Load(spec, new NativeWriterOptions("Ebpf.Tests.Generated", "MapInliningTables"));
        using var loaded = native.Load();
        var program = loaded.Programs[0];
        var code = native.FindProgram(program.Name)!;
        Assert.Equal(NativeMapOperation.Lookup, code.InlinedHelpers[HelperId.MapLookupElem]);
        Assert.Equal(EngineKind.Native, code.Prepare(program.Code, LinuxHelpers.Table, new ExecutionOptions(Checked: false)).Engine);

        var replaced = LinuxHelpers.Table.With(HelperId.MapLookupElem, "bpf_map_lookup_elem", (_, _, _, _, _, _) => 0);
        Assert.Equal(EngineKind.Interpreter, code.Prepare(program.Code, replaced, new ExecutionOptions(Checked: false)).Engine);
        Assert.Equal(EngineKind.Interpreter, code.Prepare(program.Code, LinuxHelpers.Table, new ExecutionOptions(Checked: true)).Engine);
    }

    [Fact]
    public void Code_relocated_against_a_map_of_another_type_runs_in_the_interpreter()
    {
        var spec = MapObject();
        var native = GeneratedCode.Load(spec, new NativeWriterOptions("Ebpf.Tests.Generated", "MapInliningTypes"));
        using var loaded = native.Load();
        var program = loaded.FindProgram("op_hash4")!;
        using var other = BpfMap.Create(Map("other", MapType.Hash, 8));
        var handle = loaded.FindMap("hash4")!.Handle;
        var slots = program.Code.Slots.ToArray();
        for (var i = 0; i + 1 < slots.Length; i++)
        {
            if (program.Code.FormAt(i) is { Operation: Operation.LoadImm64 } && program.Code.Immediate64At(i) == handle)
            {
                (slots[i], slots[i + 1]) = (slots[i] with { Immediate = (int)other.Handle }, slots[i + 1] with { Immediate = (int)(other.Handle >> 32) });
            }
        }

        Assert.True(ProgramDecoder.TryDecode(Instruction.ToBytes(slots), out var relocated, out _));
        Assert.Equal(EngineKind.Interpreter, native.FindProgram("op_hash4")!.Prepare(relocated!, LinuxHelpers.Table, new ExecutionOptions(Checked: false)).Engine);
    }

    [Fact]
    public void The_class_generated_code_names_for_each_map_type_is_the_one_BpfMap_Create_makes()
    {
        foreach (var (map, _) in Maps)
        {
            using var live = BpfMap.Create(map);
            Assert.Equal(live.GetType(), MapClasses.Of(map.Type));
        }

        foreach (var type in new[] { MapType.Queue, MapType.Stack })
        {
            using var live = BpfMap.Create(new MapSpec("q", type, 0, 8, 4, MapFlags.None));
            Assert.Equal(live.GetType(), MapClasses.Of(type));
        }
    }

    private static MapSpec Map(string name, MapType type, uint keySize) => new(name, type, keySize, 8, 8, MapFlags.None);

    /// <summary>
    /// One XDP program per map: update the key 01 02 03 ... (an LPM key: /32 of its next 4 bytes; an array index: 3) to 41, look it up
    /// and add what it holds, delete it and add the result; then store the sum in the last map, `results`, at the
    /// program's index. Every map reference is an <c>lddw</c> by map index, as the object reader leaves them.
    /// </summary>
    private static ObjectSpec MapObject()
    {
        var maps = Maps.Select(m => m.Map).Append(new MapSpec("results", MapType.Array, 4, 8, (uint)Maps.Length, MapFlags.None)).ToImmutableArray();
        var programs = ImmutableArray.CreateBuilder<ProgramSpec>();
        for (var i = 0; i < Maps.Length; i++)
        {
            var prefix = Maps[i].Map.Type switch
            {
                MapType.LpmTrie => "stw [%r10-16], 32\n",
                MapType.Array or MapType.PercpuArray => "stw [%r10-16], 3\n",
                _ => "",
            };
            var text = $"lddw %r1, 0x0807060504030201\nstxdw [%r10-16], %r1\nlddw %r1, 0x100f0e0d0c0b0a09\nstxdw [%r10-8], %r1\n{prefix}" +
                "stdw [%r10-24], 41\nmov %r6, 0\n" +
                $"{Marker(i)}\nmov %r2, %r10\nadd %r2, -16\nmov %r3, %r10\nadd %r3, -24\nmov %r4, 0\ncall 2\nadd %r6, %r0\n" +
                $"{Marker(i)}\nmov %r2, %r10\nadd %r2, -16\ncall 1\njeq %r0, 0, +2\nldxdw %r1, [%r0]\nadd %r6, %r1\n" +
                $"{Marker(i)}\nmov %r2, %r10\nadd %r2, -16\ncall 3\nadd %r6, %r0\n" +
                $"stw [%r10-28], {i}\n{Marker(Maps.Length)}\nmov %r2, %r10\nadd %r2, -28\ncall 1\njeq %r0, 0, +1\nstxdw [%r0], %r6\nmov %r0, 2\nexit";
            var code = Assembler.Assemble(text).Select(s => s.Opcode == 0x18 && s.Immediate >= Base && s.Immediate <= Base + Maps.Length
                ? s with { Source = (Register)(int)LoadImm64Source.MapByIndex, Immediate = s.Immediate - Base }
                : s).ToImmutableArray();
            programs.Add(new ProgramSpec($"op_{Maps[i].Map.Name}", "xdp", ProgramType.Xdp, null, null, code, [], [.. new SourceLine?[code.Length]]));
        }

        return new ObjectSpec("map_inlining", "GPL", null, programs.ToImmutable(), maps, []);
    }

    private const int Base = 0x7ff00000;

    private static string Marker(int map) => $"lddw %r1, 0x{Base + map:x}";

    private static List<string> Entries(BpfMap map) =>
        [.. MapEntries.Read(map)!.Select(e => Convert.ToHexString(e.Key) + "=" + Convert.ToHexString(e.Value)).Order(StringComparer.Ordinal)];
}
