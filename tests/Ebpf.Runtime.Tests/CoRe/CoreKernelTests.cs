using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Tests.Kernel;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.CoRe;

/// <summary>
/// core_kernel.c relocated against the running kernel's types, by us (/sys/kernel/btf/vmlinux) and by libbpf (bpftool
/// loading it into the kernel): offsets, sizes, enum values and a context whose fields the local declaration swapped
/// give the same results.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class CoreKernelTests
{
    public static TheoryData<string, EngineKind> Cases()
    {
        var data = new TheoryData<string, EngineKind>();
        foreach (var program in new[] { "task_pid_offset", "task_tgid_size", "pid_type_values", "packet_length" })
        {
            foreach (var engine in Engines.Available)
            {
                data.Add(program, engine);
            }
        }

        return data;
    }

    [KernelTheory]
    [MemberData(nameof(Cases))]
    public void Results_equal_the_kernels_after_libbpf_relocated_the_same_object(string program, EngineKind engine)
    {
        var objectPath = Path.Combine(RepositoryPaths.TestData, "core", "core_kernel.o");
        var packet = Path.Combine(Path.GetTempPath(), $"ebpf_core_packet_{Environment.ProcessId}_{program}_{engine}.bin");
        File.WriteAllBytes(packet, [.. Enumerable.Range(0, 64).Select(i => (byte)i)]);
        try
        {
            var kernel = KernelOracle.Run(objectPath, packet, program);
            Assert.NotNull(Elf.CoRe.TargetBtfFile.RunningKernel);
            var ours = CoreRunTests.Run(ObjectReader.ReadFile(objectPath), program, engine);
            Assert.Equal(kernel.Result, ours);
        }
        finally
        {
            File.Delete(packet);
        }
    }
}
