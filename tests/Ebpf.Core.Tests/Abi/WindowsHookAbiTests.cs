using Ebpf.Core.Abi;
using Ebpf.Testing;

namespace Ebpf.Core.Tests.Abi;

/// <summary>
/// <see cref="AbiTable.Windows"/>'s XDP and sock_addr types against eBPF for Windows' headers: numbers and offsets
/// copied from its <c>ebpf_structs.h</c> (<c>enum bpf_prog_type</c>, <c>enum bpf_attach_type</c>,
/// <c>ebpf_helper_id_t</c>) and <c>ebpf_nethooks.h</c> (<c>xdp_md_t</c>, <c>bpf_sock_addr_t</c>, the program-type helpers
/// from <c>0xFFFF + 1</c>), and our header for the samples compiled and compared too.
/// </summary>
public sealed class WindowsHookAbiTests
{
    private static ProgramTypeDescriptor Xdp => AbiTable.Windows.FindProgramType(WindowsProgramType.Xdp)!;

    private static ProgramTypeDescriptor SockAddr => AbiTable.Windows.FindProgramType(WindowsProgramType.CgroupSockAddr)!;

    [Fact]
    public void Windows_program_and_attach_types_have_ebpf_structs_h_numbers()
    {
        Assert.Equal(["xdp", "bind", "sock_addr", "xdp_test"], AbiTable.Windows.ProgramTypes.Select(t => t.Name));
        Assert.Equal([1, 2, 3, 998], AbiTable.Windows.ProgramTypes.Select(t => t.Id));
        Assert.Equal([3, 4, 5, 6], SockAddr.AttachTypes.ToArray());
        Assert.Equal([9], AbiTable.Windows.FindProgramType(WindowsProgramType.XdpTest)!.AttachTypes.ToArray());
    }

    [Fact]
    public void Xdp_md_t_has_64_bit_packet_pointers_and_is_read_only()
    {
        var fields = Xdp.Context.Fields.ToDictionary(f => f.Name, f => (f.Offset, f.Size, f.Kind));

        Assert.Equal(32, Xdp.Context.Size);
        Assert.Equal((0, 8, ContextFieldKind.PacketStart), fields["data"]);
        Assert.Equal((8, 8, ContextFieldKind.PacketEnd), fields["data_end"]);
        Assert.Equal((16, 8, ContextFieldKind.PacketMetaStart), fields["data_meta"]);
        Assert.Equal((24, 4, ContextFieldKind.Scalar), fields["ingress_ifindex"]);
        Assert.DoesNotContain(Xdp.Context.Fields, f => f.IsWritable);
        Assert.Equal(["XDP_PASS", "XDP_DROP", "XDP_TX", "XDP_REDIRECT"], Xdp.ReturnValue.Values.Select(v => v.Name));
        Assert.Equal(1, Xdp.ReturnValue.Values[0].Value);
    }

    [Fact]
    public void Only_user_ip_and_user_port_of_bpf_sock_addr_t_are_writable()
    {
        Assert.Equal(64, SockAddr.Context.Size);
        Assert.Equal(["user_ip6", "user_port"], SockAddr.Context.Fields.Where(f => f.IsWritable).Select(f => f.Name));
        Assert.True(SockAddr.Context.Allows(24, 4, isWrite: true, WindowsAttachType.CgroupInet4Connect)); // user_ip4
        Assert.False(SockAddr.Context.Allows(44, 4, isWrite: true, WindowsAttachType.CgroupInet4Connect)); // protocol
        Assert.Null(SockAddr.ReturnValue.Range);
    }

    [Fact]
    public void Program_type_helpers_share_numbers_but_not_meaning()
    {
        Assert.Equal("bpf_xdp_adjust_head", AbiTable.Windows.FindHelper(65536, Xdp)!.Name);
        Assert.True(AbiTable.Windows.FindHelper(65536, Xdp)!.ChangesPacketData);
        Assert.Equal("bpf_sock_addr_get_current_pid_tgid", AbiTable.Windows.FindHelper(65536, SockAddr)!.Name);
        Assert.Equal("bpf_sock_addr_set_redirect_context", AbiTable.Windows.FindHelper(65537, SockAddr)!.Name);
        Assert.Null(AbiTable.Windows.FindHelper(65537, Xdp));
        Assert.True(SockAddr.CanCall(WindowsHelperId.IsCurrentAdmin));
        Assert.False(Xdp.CanCall(WindowsHelperId.IsCurrentAdmin));
        Assert.Equal(HelperId.TailCall, AbiTable.Windows.FindHelper(WindowsHelperId.TailCall)!.LinuxId);
    }

    [GccFact]
    public void The_sample_headers_agree_with_the_table()
    {
        var output = WindowsProbe.Run("windows_hooks_probe.c", Path.Combine(RepositoryPaths.TestData, "windows"));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        var types = new Dictionary<string, ProgramTypeDescriptor>(StringComparer.Ordinal) { ["xdp_md"] = Xdp, ["bpf_sock_addr"] = SockAddr };
        foreach (var line in lines.Where(l => l[0] == "struct"))
        {
            Assert.Equal(types[line[1]].Context.Size, WindowsProbe.Number(line[2]));
        }

        foreach (var field in lines.Where(l => l[0] == "field"))
        {
            var described = types[field[1]].Context.Field(field[2]);
            Assert.True(described is not null && (described.Offset, described.Size) == (WindowsProbe.Number(field[3]), WindowsProbe.Number(field[4])),
                $"{field[1]}.{field[2]} is at {field[3]} ({field[4]} bytes) in the header; the table says {described?.Offset} ({described?.Size})");
        }

        foreach (var helper in lines.Where(l => l[0] == "helper"))
        {
            Assert.Equal(helper[1], AbiTable.Windows.FindHelper(WindowsProbe.Number(helper[2]))?.Name);
        }

        Assert.All(lines.Where(l => l[0] == "xdp_helper"), h => Assert.Equal(h[1], AbiTable.Windows.FindHelper(WindowsProbe.Number(h[2]), Xdp)?.Name));
        Assert.All(lines.Where(l => l[0] == "sock_addr_helper"), h => Assert.Equal(h[1], AbiTable.Windows.FindHelper(WindowsProbe.Number(h[2]), SockAddr)?.Name));
        Assert.Equal(["1", "2", "3", "4"], lines.Single(l => l[0] == "xdp_action")[1..]);
        Assert.Equal(["0", "1", "2"], lines.Single(l => l[0] == "verdict")[1..]);
    }
}
