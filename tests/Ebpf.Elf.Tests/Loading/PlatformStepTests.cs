using Ebpf.Core.Abi;
using Ebpf.Elf;
using Ebpf.Testing;

namespace Ebpf.Elf.Tests.Loading;

/// <summary>
/// Which numbering an object is read in: Linux's, unless its programs are in sections only eBPF for Windows knows, or the
/// reader is told; Windows' map type numbers become Linux's by name.
/// </summary>
public sealed class PlatformStepTests
{
    private static string Windows(string name) => Path.Combine(RepositoryPaths.TestData, "sockets", "windows", name);

    [Fact]
    public void Windows_map_type_numbers_are_read_by_their_windows_meaning()
    {
        var spec = ObjectReader.ReadFile(Windows("win_map_types.o"));

        Assert.Equal(MapType.PercpuArray, spec.FindMap("per_cpu_binds")!.Type);   // 5 on Windows; 5 is percpu_hash on Linux
        Assert.Equal(MapType.LruHash, spec.FindMap("recent_processes")!.Type);    // 8 on Windows; 8 is cgroup_array on Linux
        Assert.Equal(AbiPlatform.Windows, spec.Programs.Single().Platform);
    }

    [Fact]
    public void Told_linux_the_bind_section_names_no_type_and_map_numbers_stay_linux()
    {
        var spec = ObjectReader.ReadFile(Windows("win_map_types.o"), AbiPlatform.Linux);

        Assert.True(spec.Programs.Single().IsTypeUnknown);
        Assert.Equal(AbiPlatform.Linux, spec.Programs.Single().Platform);
        Assert.Equal(MapType.PercpuHash, spec.FindMap("per_cpu_binds")!.Type);
    }

    [Fact]
    public void Told_windows_a_linux_object_keeps_only_the_types_windows_knows()
    {
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "sockets", "sock_policy.o"), AbiPlatform.Windows);

        Assert.All(spec.Programs, p => Assert.Equal(AbiPlatform.Windows, p.Platform));
        // cgroup/connect4|6 are eBPF for Windows sections too (its sock_addr type); cgroup/bind4|6 are not.
        Assert.All(spec.Programs, p => Assert.Equal(p.SectionName.StartsWith("cgroup/connect", StringComparison.Ordinal) ? WindowsProgramType.CgroupSockAddr : 0, (int)p.Type));
        Assert.All(spec.Maps, m => Assert.Contains(m.Type, new[] { MapType.Hash, MapType.Array }));
    }

    [Fact]
    public void A_linux_object_is_read_as_linux_by_default()
    {
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "sockets", "sock_policy.o"));

        Assert.All(spec.Programs, p => Assert.Equal(AbiPlatform.Linux, p.Platform));
        Assert.All(spec.Programs, p => Assert.Equal(ProgramType.CgroupSockAddr, p.Type));
    }

    [Theory]
    [InlineData("win_xdp_tail.o", null, AbiPlatform.Windows)]   // xdp_test: only Windows knows it
    [InlineData("win_connect.o", null, AbiPlatform.Windows)]    // cgroup/recv_accept4 beside cgroup/connect4|6
    [InlineData("win_xdp.o", null, AbiPlatform.Linux)]          // xdp alone is Linux's too
    [InlineData("win_xdp.o", AbiPlatform.Windows, AbiPlatform.Windows)]
    public void Windows_only_sections_decide_the_platform_and_shared_ones_need_to_be_told(string file, AbiPlatform? told, AbiPlatform expected)
    {
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "windows", file), told);

        Assert.All(spec.Programs, p => Assert.Equal(expected, p.Platform));
    }

    [Fact]
    public void Windows_sections_give_windows_program_and_attach_type_numbers()
    {
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "windows", "win_connect.o"));

        Assert.Equal(
            [("redirect_v4", 3, 3), ("reject_discard_v6", 3, 4), ("admit_v4", 3, 5)],
            spec.Programs.Select(p => (p.Name, (int)p.Type, (int)p.ExpectedAttachType!.Value)));
        Assert.Equal(MapType.Hash, spec.FindMap("redirects")!.Type);
    }
}
