using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

namespace Ebpf.Api.Tests;

/// <summary><see cref="BpfObject.Load"/> verifies first; <see cref="BpfObject.AllowUnverified"/> is the explicit way round it.</summary>
public sealed class BpfObjectVerificationTests
{
    private static string NullCheckBug => Path.Combine(RepositoryPaths.TestData, "verifier", "c", "null_check.bug.o");

    private static byte[] Packet => File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_udp_512.bin"));

    [Fact]
    public void Load_refuses_a_program_the_verifier_rejects_and_stays_unloaded()
    {
        using var obj = BpfObject.Open(NullCheckBug);

        var refused = Assert.Throws<DiagnosticException>(() => obj.Load());
        Assert.Equal("EBPF5206", Assert.Single(refused.Diagnostics).Id);
        Assert.False(obj.IsLoaded);
    }

    [Fact]
    public void Allowing_unverified_programs_loads_them_into_the_checked_interpreter()
    {
        using var obj = BpfObject.Open(NullCheckBug);
        obj.AllowUnverified = true;
        obj.Load(execution: new Runtime.Execution.ExecutionOptions(Checked: false));

        var program = obj.Program("count_by_ifindex");
        Assert.False(program.Loaded!.IsVerified);
        Assert.NotNull(program.TestRun(new TestRunOptions(Packet)).Fault);
    }

    [Fact]
    public void Allowing_unverified_programs_is_decided_before_load()
    {
        using var obj = BpfObject.Open(Path.Combine(RepositoryPaths.Shared, "bench", "xdp_pass.o"));
        obj.Load();
        Assert.True(obj.Programs[0].Loaded!.IsVerified);
        Assert.Throws<InvalidOperationException>(() => obj.AllowUnverified = true);
    }
}
