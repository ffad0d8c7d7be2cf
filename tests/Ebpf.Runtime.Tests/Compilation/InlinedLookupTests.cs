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

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Hash_lookups_of_every_key_shape_find_the_stored_key_and_miss_a_key_one_byte_away(EngineKind engine)
    {
        // Key sizes the JIT specialises (4, 8, 16) and two it does not (5, 12), on the three hash map kinds.
        foreach (var type in new[] { MapType.Hash, MapType.PercpuHash, MapType.LruHash })
        {
            foreach (var keySize in new[] { 4, 5, 8, 12, 16 })
            {
                using var map = Create(type, (uint)keySize, 8, 8, cpus: 2);
                var key = Enumerable.Range(1, keySize).Select(b => (byte)b).ToArray();
                var value = type == MapType.PercpuHash ? [.. BitConverter.GetBytes(77UL), .. BitConverter.GetBytes(77UL)] : BitConverter.GetBytes(77UL);
                Assert.Equal(MapError.None, map.Update(key, value));

                // The key is the first keySize bytes of 01 02 03 ... 10 at r10-16 (the last byte changed by `last`);
                // return *(u64 *)bpf_map_lookup_elem(map, key), or 7 when it misses.
                string Program(int last) =>
                    $"lddw %r1, 0x0807060504030201\nstxdw [%r10-16], %r1\nlddw %r1, 0x100f0e0d0c0b0a09\nstxdw [%r10-8], %r1\n" +
                    $"stb [%r10{keySize - 17}], {last}\n{LoadMap(map)}\nmov %r2, %r10\nadd %r2, -16\ncall 1\njeq %r0, 0, +2\nldxdw %r0, [%r0]\nexit\nmov %r0, 7\nexit";
                var options = ExecutionOptions.Default with { Checked = Engines.Checks(engine) };
                var request = new ExecutionRequest([], map.Regions);
                Assert.Equal(77UL, Engines.Prepare(engine, ProgramRunner.Decode(Program(keySize)), LinuxHelpers.Table, options).Run(request).ReturnValue);
                Assert.Equal(7UL, Engines.Prepare(engine, ProgramRunner.Decode(Program(keySize + 100)), LinuxHelpers.Table, options).Run(request).ReturnValue);
            }
        }
    }

    [Fact]
    public void Unchecked_compiled_code_inlines_array_and_per_cpu_array_lookups_and_calls_hash_lookups_directly()
    {
        using var array = Create(MapType.Array, 4, 8, 4);
        using var percpu = Create(MapType.PercpuArray, 4, 8, 4);
        using var hash = Create(MapType.Hash, 4, 8, 4);
        foreach (var (map, shows) in new[] { (array, "array lookup inlined"), (percpu, "array lookup inlined"), (hash, "hash lookup specialised for 4-byte keys") })
        {
            var program = ProgramRunner.Decode($"stw [%r10-4], 0\n{LoadMap(map)}\nmov %r2, %r10\nadd %r2, -4\ncall 1\nexit");
            var listing = JitProgram.Compile(program, LinuxHelpers.Table, ExecutionOptions.Default with { Checked = false }, recordListing: true).Listing!;
            Assert.Contains(shows, listing, StringComparison.Ordinal);
            Assert.DoesNotContain("BeginHelper", listing, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void An_array_key_just_stored_is_taken_from_the_value_stored_unless_a_later_store_may_have_changed_it(EngineKind engine)
    {
        using var map = Create(MapType.Array, 4, 8, 8);
        for (uint key = 0; key < 8; key++)
        {
            Assert.Equal(MapError.None, map.Update(U32(key), BitConverter.GetBytes(100UL + key)));
        }

        // *(u32 *)(r10 - 4) = 5, then what changes it or not; return *(u64 *)bpf_map_lookup_elem(map, r10 - 4).
        string Program(string between) =>
            $"mov %r6, 5\nstxw [%r10-4], %r6\n{between}\n{LoadMap(map)}\nmov %r2, %r10\nadd %r2, -4\ncall 1\nldxdw %r0, [%r0]\nexit";
        var cases = new (string Between, ulong Expected)[]
        {
            ("mov %r7, 0", 105),                                          // taken from the value stored
            ("mov %r3, %r10\nadd %r3, -4\nstw [%r3], 7", 107),            // a store through r3 overwrote it
            ("add %r6, 1", 105),                                          // r6 changed, the stack did not
            ("lddw %r6, 0x100000003", 105),                               // r6 reused (as clang reuses r1 for the map)
            ("stb [%r10-4], 2", 2 + 100 + 0),                              // a narrower store over its low byte: key 2
        };
        var options = ExecutionOptions.Default with { Checked = Engines.Checks(engine) };
        foreach (var (between, expected) in cases)
        {
            var program = ProgramRunner.Decode(Program(between));
            Assert.Equal(expected, Engines.Prepare(engine, program, LinuxHelpers.Table, options).Run(new ExecutionRequest([], map.Regions)).ReturnValue);
        }

        // The listing of the first shows the key taken from the value stored, without a load from the stack.
        var listing = JitProgram.Compile(ProgramRunner.Decode(Program("mov %r7, 0")), LinuxHelpers.Table, ExecutionOptions.Default with { Checked = false }, recordListing: true).Listing!;
        Assert.DoesNotContain("ldind.u4", listing, StringComparison.Ordinal);
    }
}
