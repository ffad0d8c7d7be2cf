using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Tests.Interpretation;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;
using static Ebpf.Runtime.Tests.Maps.Maps;

namespace Ebpf.Runtime.Tests.Maps;

/// <summary>Array and per-CPU array elements in shared file mappings: what a program stores is in the file as it stores it.</summary>
public sealed class FileMappedStorageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ebpf-mapped-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void A_value_a_program_stores_through_a_lookup_is_in_the_file_without_a_flush(EngineKind engine)
    {
        var storage = new FileMappedMapStorage(_folder);
        foreach (var type in new[] { MapType.Array, MapType.PercpuArray })
        {
            using var map = BpfMap.Create(Spec(type, 4, 8, 4), new MapOptions(2) { Storage = storage });
            var file = storage.FileOf(map);
            Assert.NotNull(file);

            // *(u64 *)bpf_map_lookup_elem(map, &2) = 0x1122334455667788, on CPU 1 (the second slot of a per-CPU array).
            var program = $"stw [%r10-4], 2\n{LoadMap(map)}\nmov %r2, %r10\nadd %r2, -4\ncall 1\njeq %r0, 0, +2\nlddw %r1, 0x1122334455667788\nstxdw [%r0], %r1\nmov %r0, 0\nexit";
            var executable = Engines.Prepare(engine, ProgramRunner.Decode(program), LinuxHelpers.Table, ExecutionOptions.Default with { Checked = Engines.Checks(engine) });
            using (ExecutionCpu.Enter(1))
            {
                Assert.Equal(0UL, executable.Run(new ExecutionRequest([], map.Regions)).ReturnValue);
            }

            // Another reader of the file (as the next run of the service is) sees the store: the mapping is the page cache.
            var bytes = ReadShared(file!);
            var at = type == MapType.Array ? 2 * 8 : (int)(((4 * 8) + 63) & ~63) + (2 * 8);
            Assert.Equal(0x1122334455667788UL, BitConverter.ToUInt64(bytes, at));
            Assert.Equal(1, bytes.Count(b => b != 0) / 8);
        }
    }

    [Fact]
    public void The_file_goes_with_the_map_and_other_map_types_stay_in_memory()
    {
        var storage = new FileMappedMapStorage(_folder);
        var map = BpfMap.Create(Spec(MapType.Array, 4, 4, 8), new MapOptions(2) { Storage = storage });
        using var hash = BpfMap.Create(Spec(MapType.Hash, 4, 4, 8), new MapOptions(2) { Storage = storage });
        var file = storage.FileOf(map)!;
        Assert.True(File.Exists(file));
        Assert.Null(storage.FileOf(hash));
        Assert.Equal([file], storage.LiveFiles);

        map.Dispose();

        Assert.False(File.Exists(file));
        Assert.Empty(storage.LiveFiles);
    }

    [Fact]
    public void Copying_a_previous_runs_file_brings_its_elements_and_a_file_of_another_length_is_refused()
    {
        var storage = new FileMappedMapStorage(_folder);
        var previous = Path.Combine(_folder, "previous.mem");
        using (var first = BpfMap.Create(Spec(MapType.Array, 4, 8, 4), new MapOptions(2) { Storage = storage }))
        {
            Assert.Equal(MapError.None, first.Update(U32(3), BitConverter.GetBytes(4242UL)));
            File.Copy(storage.FileOf(first)!, previous);
        }

        using var same = BpfMap.Create(Spec(MapType.Array, 4, 8, 4), new MapOptions(2) { Storage = storage });
        using var longer = BpfMap.Create(Spec(MapType.Array, 4, 8, 5), new MapOptions(2) { Storage = storage });
        Assert.True(storage.TryCopyFrom(same, previous));
        Assert.False(storage.TryCopyFrom(longer, previous));
        Assert.False(storage.TryCopyFrom(same, Path.Combine(_folder, "missing.mem")));

        var value = new byte[8];
        Assert.Equal(MapError.None, same.Lookup(U32(3), value));
        Assert.Equal(4242UL, BitConverter.ToUInt64(value));
        Assert.Equal(MapError.None, longer.Lookup(U32(3), value));
        Assert.Equal(0UL, BitConverter.ToUInt64(value));
    }

    [Fact]
    public void A_storage_whose_folder_is_gone_falls_back_to_memory()
    {
        var storage = new FileMappedMapStorage(_folder);
        Directory.Delete(_folder);
        using var map = BpfMap.Create(Spec(MapType.Array, 4, 8, 4), new MapOptions(2) { Storage = storage });
        Assert.Null(storage.FileOf(map));
        Assert.Equal(MapError.None, map.Update(U32(1), BitConverter.GetBytes(7UL)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
