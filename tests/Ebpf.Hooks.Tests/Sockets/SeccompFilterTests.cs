using Ebpf.Hooks.Native;
using Ebpf.Hooks.Sockets;

namespace Ebpf.Hooks.Tests.Sockets;

/// <summary>
/// The launcher's classic BPF filter, run by a small evaluator of the three instruction forms it uses, written here
/// from the kernel's <c>Documentation/networking/filter.rst</c> (<c>ld [k]</c>, <c>jeq #k, jt, jf</c>, <c>ret #k</c>).
/// </summary>
public sealed class SeccompFilterTests
{
    private const uint Allow = 0x7fff0000, Notify = 0x7fc00000, Eperm = 0x00050001;
    private const uint X8664 = 0xC000003E, I386 = 0x40000003, Aarch64 = 0xC00000B7, Arm = 0x40000028;

    private static readonly SeccompFilter.HostAbi X86 = new(X8664, 49, 42, HasX32: true, I386, 361, 362, CompatSocketcall: 102);
    private static readonly SeccompFilter.HostAbi Arm64 = new(Aarch64, 200, 203, HasX32: false, Arm, 282, 283, CompatSocketcall: null);

    private static uint Evaluate(SeccompNative.ClassicInstruction[] filter, uint arch, uint number, uint firstArgument = 0)
    {
        uint accumulator = 0;
        for (var pc = 0; pc < filter.Length; pc++)
        {
            var instruction = filter[pc];
            switch (instruction.Code)
            {
                case 0x20:
                    accumulator = instruction.K switch { 0 => number, 4 => arch, 16 => firstArgument, _ => throw new InvalidOperationException($"load at {instruction.K}") };
                    break;
                case 0x15:
                    pc += accumulator == instruction.K ? instruction.JumpTrue : instruction.JumpFalse;
                    break;
                case 0x06:
                    return instruction.K;
                default:
                    throw new InvalidOperationException($"opcode {instruction.Code:x}");
            }
        }

        throw new InvalidOperationException("ran off the end");
    }

    [Theory]
    [InlineData(49u, Notify)]          // bind
    [InlineData(42u, Notify)]          // connect
    [InlineData(0x40000031u, Notify)]  // x32 bind
    [InlineData(0x4000002au, Notify)]  // x32 connect
    [InlineData(41u, Allow)]           // socket
    [InlineData(44u, Allow)]           // sendto
    [InlineData(0u, Allow)]            // read
    public void On_x86_64_only_bind_and_connect_go_to_the_supervisor(uint number, uint expected) =>
        Assert.Equal(expected, Evaluate(SeccompFilter.Build(X86), X8664, number));

    [Theory]
    [InlineData(361u, 0u, Eperm)]      // i386 bind
    [InlineData(362u, 0u, Eperm)]      // i386 connect
    [InlineData(102u, 2u, Eperm)]      // socketcall(SYS_BIND)
    [InlineData(102u, 3u, Eperm)]      // socketcall(SYS_CONNECT)
    [InlineData(102u, 1u, Allow)]      // socketcall(SYS_SOCKET)
    [InlineData(3u, 0u, Allow)]        // i386 read
    public void The_i386_abi_cannot_bypass_the_hook(uint number, uint operation, uint expected) =>
        Assert.Equal(expected, Evaluate(SeccompFilter.Build(X86), I386, number, operation));

    [Theory]
    [InlineData(Aarch64, 200u, Notify)]
    [InlineData(Aarch64, 203u, Notify)]
    [InlineData(Aarch64, 198u, Allow)]
    [InlineData(Arm, 282u, Eperm)]
    [InlineData(Arm, 283u, Eperm)]
    [InlineData(Arm, 102u, Allow)]
    public void On_arm64_the_same_holds_with_its_numbers(uint arch, uint number, uint expected) =>
        Assert.Equal(expected, Evaluate(SeccompFilter.Build(Arm64), arch, number));

    [Fact]
    public void Notifications_are_classified_by_the_hosts_numbers()
    {
        var host = SeccompFilter.Host;
        Assert.Equal(SocketCallKind.Bind, SeccompFilter.Classify(host.Arch, (int)host.Bind));
        Assert.Equal(SocketCallKind.Connect, SeccompFilter.Classify(host.Arch, (int)host.Connect));
        Assert.Null(SeccompFilter.Classify(host.CompatArch, (int)host.Bind));
        Assert.Null(SeccompFilter.Classify(host.Arch, 0));
    }
}
