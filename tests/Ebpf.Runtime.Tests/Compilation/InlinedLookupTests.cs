using Ebpf.Core.Abi;
using Ebpf.Runtime.Compilation;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Memory;
using Ebpf.Runtime.Tests.Interpretation;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Compilation;

/// <summary>Array and per-CPU array lookups the JIT inlines in unchecked runs reach the value the map's own lookup reaches.</summary>
public sealed class InlinedLookupTests
{
    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_per_cpu_array_lookup_reaches_the_running_threads_cpu_slot_wrapping_past_the_cpu_count(EngineKind engine)
    {
        using var map = Create(MapType.PercpuArray, 4, 8, 4, cpus: 2);
        Assert.Equal(MapError.None, map.Update(U32(1), [.. BitConverter.GetBytes(100UL), .. BitConverter.GetBytes(101UL)]));

        // return *(u64 *)bpf_map_lookup_elem(map, &1), or 7 when it misses (key 9 lies past max_entries).
        string Program(int key) => $"stw [%r10-4], {key}\n{LoadMap(map)}\nmov %r2, %r10\nadd %r2, -4\ncall 1\njeq %r0, 0, +2\nldxdw %r0, [%r0]\nexit\nmov %r0, 7\nexit";
        var executable = Engines.Prepare(engine, ProgramRunner.Decode(Program(1)), LinuxHelpers.Table, ExecutionOptions.Default with { Checked = Engines.Checks(engine) });
        var missing = Engines.Prepare(engine, ProgramRunner.Decode(Program(9)), LinuxHelpers.Table, ExecutionOptions.Default with { Checked = Engines.Checks(engine) });
        var request = new ExecutionRequest([], map.Regions);
        foreach (var (cpu, expected) in new[] { (0, 100UL), (1, 101UL), (2, 100UL), (3, 101UL) })
        {
            using var scope = ExecutionCpu.Enter(cpu);
            Assert.Equal(expected, executable.Run(request).ReturnValue);
            Assert.Equal(7UL, missing.Run(request).ReturnValue);
        }
    }

    [Fact]
    public void Unchecked_compiled_code_inlines_array_and_per_cpu_array_lookups_and_calls_hash_lookups_directly()
    {
        using var array = Create(MapType.Array, 4, 8, 4);
        using var percpu = Create(MapType.PercpuArray, 4, 8, 4);
        using var hash = Create(MapType.Hash, 4, 8, 4);
        foreach (var (map, shows) in new[] { (array, "array lookup inlined"), (percpu, "array lookup inlined"), (hash, "HashTableMap::LookupElement") })
        {
            var program = ProgramRunner.Decode($"stw [%r10-4], 0\n{LoadMap(map)}\nmov %r2, %r10\nadd %r2, -4\ncall 1\nexit");
            var listing = JitProgram.Compile(program, LinuxHelpers.Table, ExecutionOptions.Default with { Checked = false }, recordListing: true).Listing!;
            Assert.Contains(shows, listing, StringComparison.Ordinal);
            Assert.DoesNotContain("BeginHelper", listing, StringComparison.Ordinal);
        }
    }
}
