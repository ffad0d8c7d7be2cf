using Ebpf.Core.Diagnostics;
using Ebpf.Hooks.Xdp.Live;
using Ebpf.Testing;

namespace Ebpf.Api.Tests;

/// <summary><c>BpfProgram.AttachXdp</c>'s refusals, which need no root; attaching itself is tested in the namespaces of Ebpf.Hooks.Tests.</summary>
public sealed class AttachXdpTests
{
    [Fact]
    public void Attaching_a_program_of_another_type_is_refused_before_any_socket_is_opened()
    {
        using var obj = BpfObject.Open(Path.Combine(RepositoryPaths.TestData, "bpf", "cgroup_sock_addr.o"));
        obj.Load();
        var refused = Assert.Throws<DiagnosticException>(() => obj.Programs[0].AttachXdp(new XdpAttachOptions("lo")));
        Assert.Equal(DiagnosticCode.NotAnXdpProgram, refused.Diagnostics[0].Code);
    }

    [Fact]
    public void Attaching_to_an_interface_that_does_not_exist_is_refused()
    {
        using var obj = BpfObject.Open(Path.Combine(RepositoryPaths.Shared, "bench", "xdp_pass.o"));
        obj.Load();
        var refused = Assert.Throws<DiagnosticException>(() => obj.Programs[0].AttachXdp(new XdpAttachOptions("no-such-if0")));
        Assert.Equal(DiagnosticCode.InterfaceNotFound, refused.Diagnostics[0].Code);
    }
}
