using Ebpf.Core.Abi;
using static Ebpf.Verifier.Tests.TestPrograms;

namespace Ebpf.Verifier.Tests.Checks;

/// <summary>The safe twins of the rejected programs: the same code with the check the rule asks for.</summary>
public sealed class AcceptanceTests
{
    public static TheoryData<string, ProgramType, AttachType?, string> Cases => new()
    {
        { "stack written then read", ProgramType.Xdp, null, "stdw [%r10-8], 7\nldxdw %r0, [%r10-8]\nexit" },
        { "whole frame", ProgramType.Xdp, null, "stdw [%r10-512], 1\nmov %r0, 0\nexit" },
        { "context fields at their width", ProgramType.Xdp, null, "ldxw %r2, [%r1+0]\nldxw %r3, [%r1+12]\nmov %r0, 0\nexit" },
        { "IPv4 address from an IPv4 hook, written", ProgramType.CgroupSockAddr, AttachType.CgroupInet4Bind, "ldxw %r2, [%r1+4]\nstxw [%r1+4], %r2\nmov %r0, 1\nexit" },
        { "packet read after its bounds check", ProgramType.Xdp, null, """
            ldxw %r2, [%r1+0]
            ldxw %r3, [%r1+4]
            mov %r4, %r2
            add %r4, 4
            mov %r0, 0
            jgt %r4, %r3, exit
            ldxw %r0, [%r2+0]
            exit
            """ },
        { "map value read after the null check", ProgramType.Xdp, null, LookupKeyZero + "\njeq %r0, 0, out\nldxdw %r0, [%r0+0]\nout:\nexit" },
        { "null checked through a copy", ProgramType.Xdp, null, LookupKeyZero + "\nmov %r6, %r0\njeq %r0, 0, out\nldxdw %r0, [%r6+0]\nout:\nmov %r0, 0\nexit" },
        { ".rodata read", ProgramType.Xdp, null, "lddw %r1, map_idx_value 3\nldxw %r0, [%r1+4]\nexit" },
        { "number stored into a map value", ProgramType.Xdp, null, LookupKeyZero + "\njeq %r0, 0, out\nstdw [%r0+0], 5\nout:\nmov %r0, 0\nexit" },
        { "pointer spilled to the stack and back", ProgramType.Xdp, null, "stxdw [%r10-8], %r1\nldxdw %r1, [%r10-8]\nldxw %r0, [%r1+12]\nexit" },
        { "tail call through a program array", ProgramType.Xdp, null, "lddw %r2, map_idx 2\nmov %r3, 0\ncall 12\nmov %r0, 0\nexit" },
        { "bounded helper size", ProgramType.Xdp, null, "ldxw %r2, [%r1+12]\nand %r2, 7\nadd %r2, 1\nstdw [%r10-8], 0\nmov %r1, %r10\nadd %r1, -8\ncall 6\nmov %r0, 0\nexit" },
        { "ring buffer record submitted", ProgramType.Xdp, null, """
            lddw %r1, map_idx 4
            mov %r2, 8
            mov %r3, 0
            call 131
            jeq %r0, 0, out
            stdw [%r0+0], 1
            mov %r1, %r0
            mov %r2, 0
            call 132
            out:
            mov %r0, 0
            exit
            """ },
        { "connect4 returns 1", ProgramType.CgroupSockAddr, AttachType.CgroupInet4Connect, "mov %r0, 1\nexit" },
        { "bind4 returns 3", ProgramType.CgroupSockAddr, AttachType.CgroupInet4Bind, "mov %r0, 3\nexit" },
        { "counted loop", ProgramType.Xdp, null, "mov %r0, 0\nloop:\nadd %r0, 1\njlt %r0, 10, loop\nexit" },
        { "local call with its own frame", ProgramType.Xdp, null, """
            stdw [%r10-8], 3
            mov %r1, %r10
            add %r1, -8
            call local +2
            ldxdw %r0, [%r10-8]
            exit
            ldxdw %r0, [%r1+0]
            stdw [%r10-8], 9
            exit
            """ },
        { "callback returning 1", ProgramType.Xdp, null, """
            mov %r1, 4
            lddw %r2, func 6
            mov %r3, 0
            mov %r4, 0
            call 181
            mov %r0, 0
            exit
            mov %r0, 1
            exit
            """ },
        { "pointers into the packet compared and subtracted", ProgramType.Xdp, null, "ldxw %r2, [%r1+0]\nldxw %r3, [%r1+4]\nmov %r0, %r3\nsub %r0, %r2\njgt %r2, %r3, exit\nexit" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Safe_twin_is_accepted(string what, ProgramType type, AttachType? attach, string source)
    {
        var result = Verify(source, type, attach);
        Assert.True(result.IsAccepted, $"{what}: {string.Join(Environment.NewLine, result.Diagnostics)}");
    }
}
