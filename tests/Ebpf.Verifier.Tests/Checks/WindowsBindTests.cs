using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf;
using Ebpf.Testing;

namespace Ebpf.Verifier.Tests.Checks;

/// <summary>
/// eBPF for Windows <c>bind</c> programs verified against <see cref="AbiTable.Windows"/>, which the verifier takes from
/// the program (its section made it a Windows one): <c>bind_md_t</c>'s fields, its application id as packet data,
/// Windows' helper numbers and <c>bind_action_t</c>'s range.
/// </summary>
public sealed class WindowsBindTests
{
    private static Core.Specs.ProgramSpec Read(string name) =>
        ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "sockets", "windows", name)).Programs.Single();

    [Fact]
    public void The_bindmonitor_like_sample_is_accepted()
    {
        var program = Read("win_bind.o");
        var result = ProgramVerifier.Verify(program, ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "sockets", "windows", "win_bind.o")).Maps);

        Assert.True(result.IsAccepted, string.Join('\n', result.Diagnostics));
    }

    [Fact]
    public void A_write_past_bind_md_is_refused_at_the_store()
    {
        var result = ProgramVerifier.Verify(Read("win_bind_bad.o"), []);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCode.InvalidContextAccess, error.Code);
        Assert.Equal(1, error.Location.InstructionIndex);
        Assert.Contains("offset 56 of bind_md_t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_instructions_read_as_linux_calls_are_not_the_windows_program()
    {
        // Type 2 is kprobe on Linux, whose pt_regs has no packet pointers at offsets 0 and 8: the table decides what the program is.
        var windows = Read("win_bind.o");
        var maps = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "sockets", "windows", "win_bind.o")).Maps;

        var asLinux = ProgramVerifier.Verify(windows, maps, new VerifierOptions { Abi = AbiTable.Linux });

        Assert.False(asLinux.IsAccepted);
        Assert.True(ProgramVerifier.Verify(windows, maps, new VerifierOptions { Abi = AbiTable.Windows }).IsAccepted);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Return_values_are_checked_against_bind_action_t(int value, bool accepted)
    {
        Assert.True(Core.Isa.Text.Assembler.TryAssemble($"mov %r0, {value}\nexit", out var slots, out _));
        var program = new Core.Specs.ProgramSpec("verdict", "bind", (ProgramType)WindowsProgramType.Bind, null, null, slots, [], []) { Platform = AbiPlatform.Windows };

        var result = ProgramVerifier.Verify(program, []);

        Assert.Equal(accepted, result.IsAccepted);
        Assert.Equal(accepted ? [] : [DiagnosticCode.ReturnValueOutOfRange], result.Diagnostics.Select(d => d.Code));
    }
}
