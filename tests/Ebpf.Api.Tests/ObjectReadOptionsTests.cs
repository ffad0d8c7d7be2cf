using Ebpf.Elf;
using Ebpf.Elf.Externs;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

namespace Ebpf.Api.Tests;

/// <summary>Opening with read options, as libbpf's <c>bpf_object_open_opts</c> (<c>kconfig</c>, <c>btf_custom_path</c>).</summary>
public sealed class ObjectReadOptionsTests
{
    [Fact]
    public void An_object_opened_with_a_kernel_configuration_runs_on_its_values()
    {
        var config = KernelConfig.Parse("CONFIG_HZ=100\nCONFIG_BPF_SYSCALL=n\n", new Version(4, 19, 1));
        using var obj = BpfObject.Open(Path.Combine(RepositoryPaths.TestData, "core", "kconfig.o"), ObjectReadOptions.Hermetic with { KernelConfig = config });
        obj.Load();

        var packet = new byte[64];
        Assert.Equal((4UL << 16) + (19UL << 8) + 1, obj.Program("kernel_version").TestRun(new TestRunOptions(packet)).ReturnValue);
        // HZ * 1000, BPF_SYSCALL n, TEST_MODULE and NOT_THERE absent and weak, and the platform's bpf_get_attach_cookie.
        Assert.Equal(100_000UL + 10_000_000, obj.Program("options").TestRun(new TestRunOptions(packet)).ReturnValue);
    }
}
