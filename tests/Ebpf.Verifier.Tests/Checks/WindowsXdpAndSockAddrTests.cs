using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Testing;

namespace Ebpf.Verifier.Tests.Checks;

/// <summary>
/// eBPF for Windows' XDP and sock_addr programs (testdata/windows) verified against <see cref="AbiTable.Windows"/>:
/// <c>xdp_md_t</c>'s 64-bit packet pointers, <c>bpf_sock_addr_t</c>'s writable <c>user_*</c> fields, helpers numbered
/// per program type from 65536, and <c>bpf_tail_call</c> as number 5.
/// </summary>
public sealed class WindowsXdpAndSockAddrTests
{
    private static ObjectSpec Read(string name, AbiPlatform? platform = null) =>
        ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "windows", name), platform);

    public static TheoryData<string, string> AcceptedPrograms => new()
    {
        { "win_xdp.o", "drop_udp" },
        { "win_xdp_tail.o", "dispatch" },
        { "win_xdp_tail.o", "drop_all" },
        { "win_connect.o", "redirect_v4" },
        { "win_connect.o", "reject_discard_v6" },
        { "win_connect.o", "admit_v4" },
    };

    [Theory]
    [MemberData(nameof(AcceptedPrograms))]
    public void The_windows_samples_are_accepted(string file, string name)
    {
        var spec = Read(file, AbiPlatform.Windows);

        var result = ProgramVerifier.Verify(spec.FindProgram(name)!, spec.Maps);

        Assert.True(result.IsAccepted, string.Join('\n', result.Diagnostics));
    }

    [Fact]
    public void A_packet_read_without_checking_data_end_is_refused_in_xdp_md_t()
    {
        var spec = Read("win_bad.o");

        var error = Assert.Single(ProgramVerifier.Verify(spec.FindProgram("unchecked_read")!, spec.Maps).Diagnostics);

        Assert.Equal(DiagnosticCode.PacketOutOfBounds, error.Code);
    }

    [Fact]
    public void A_write_to_a_sock_addr_field_no_hook_reads_back_is_refused()
    {
        var spec = Read("win_bad.o");

        var error = Assert.Single(ProgramVerifier.Verify(spec.FindProgram("writes_protocol")!, spec.Maps).Diagnostics);

        Assert.Equal(DiagnosticCode.ContextFieldReadOnly, error.Code);
        Assert.Contains("bpf_sock_addr_t.protocol", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_windows_xdp_program_read_as_linux_fails_on_its_64_bit_pointer_loads()
    {
        var spec = Read("win_xdp.o");

        var result = ProgramVerifier.Verify(spec.Programs[0], spec.Maps);

        Assert.Equal(AbiPlatform.Linux, spec.Programs[0].Platform);
        Assert.Equal(DiagnosticCode.InvalidContextAccess, Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("xdp", WindowsProgramType.Xdp, "bpf_xdp_adjust_head")]
    [InlineData("cgroup/connect4", WindowsProgramType.CgroupSockAddr, "bpf_sock_addr_get_current_pid_tgid")]
    public void Helper_65536_is_each_program_types_own(string section, int type, string helper)
    {
        var abi = AbiTable.Windows;

        Assert.Equal(helper, abi.FindHelper(WindowsHelperId.FirstSpecific, abi.FindProgramType(type))!.Name);
        Assert.Null(abi.FindHelper(WindowsHelperId.FirstSpecific));
        Assert.False(abi.IsHelperAllowed(WindowsProgramType.Bind, WindowsHelperId.FirstSpecific), section);
    }

    [Fact]
    public void A_tail_call_with_a_map_that_is_not_a_program_array_is_refused_under_windows_numbers()
    {
        // bpf_tail_call(ctx, &counts, 0) with helper 5 and an array map: the check Linux's number 12 gets.
        Assert.True(Core.Isa.Text.Assembler.TryAssemble("lddw %r2, map_idx 0\nmov %r3, 0\ncall 5\nmov %r0, 1\nexit", out var slots, out _));
        var program = new ProgramSpec("jump", "xdp_test", (ProgramType)WindowsProgramType.XdpTest, null, null, slots, [], []) { Platform = AbiPlatform.Windows };

        var result = ProgramVerifier.Verify(program, [new MapSpec("counts", MapType.Array, 4, 8, 1, MapFlags.None)]);

        Assert.Equal(DiagnosticCode.TailCallWithoutProgramArray, Assert.Single(result.Diagnostics).Code);
    }
}
