using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using static Ebpf.Verifier.Tests.TestPrograms;

namespace Ebpf.Verifier.Tests.Checks;

/// <summary>One unsafe program per check: each is rejected with its code at the instruction that breaks the rule.</summary>
public sealed class RejectionTests
{
    public static TheoryData<string, ProgramType, AttachType?, string, DiagnosticCode, int> Cases => new()
    {
        { "register read before written", ProgramType.Xdp, null, "mov %r0, %r2\nexit", DiagnosticCode.UninitializedRegisterRead, 0 },
        { "r0 unset at exit", ProgramType.Xdp, null, "exit", DiagnosticCode.UninitializedRegisterRead, 0 },
        { "stack read before written", ProgramType.Xdp, null, "ldxdw %r0, [%r10-8]\nexit", DiagnosticCode.UninitializedStackRead, 0 },
        { "stack below the frame", ProgramType.Xdp, null, "stdw [%r10-520], 1\nmov %r0, 0\nexit", DiagnosticCode.StackOutOfBounds, 0 },
        { "stack above r10", ProgramType.Xdp, null, "stw [%r10+0], 1\nmov %r0, 0\nexit", DiagnosticCode.StackOutOfBounds, 0 },
        { "context field at a wrong width", ProgramType.Xdp, null, "ldxdw %r2, [%r1+0]\nmov %r0, 0\nexit", DiagnosticCode.InvalidContextAccess, 0 },
        { "context past its end", ProgramType.Xdp, null, "ldxw %r2, [%r1+24]\nmov %r0, 0\nexit", DiagnosticCode.InvalidContextAccess, 0 },
        { "read-only context field written", ProgramType.Xdp, null, "stw [%r1+12], 1\nmov %r0, 0\nexit", DiagnosticCode.ContextFieldReadOnly, 0 },
        { "IPv4 address from an IPv6 hook", ProgramType.CgroupSockAddr, AttachType.CgroupInet6Bind, "ldxw %r2, [%r1+4]\nmov %r0, 1\nexit", DiagnosticCode.InvalidContextAccess, 0 },
        { "packet read without a bounds check", ProgramType.Xdp, null, "ldxw %r2, [%r1+0]\nldxw %r3, [%r1+4]\nldxw %r0, [%r2+0]\nexit", DiagnosticCode.PacketOutOfBounds, 2 },
        { "packet read past the checked bound", ProgramType.Xdp, null, """
            ldxw %r2, [%r1+0]
            ldxw %r3, [%r1+4]
            mov %r4, %r2
            add %r4, 4
            mov %r0, 0
            jgt %r4, %r3, exit
            ldxw %r0, [%r2+2]
            exit
            """, DiagnosticCode.PacketOutOfBounds, 6 },
        { "map value used before the null check", ProgramType.Xdp, null, LookupKeyZero + "\nldxdw %r0, [%r0+0]\nexit", DiagnosticCode.PossibleNullDereference, 6 },
        { "map value read past value_size", ProgramType.Xdp, null, LookupKeyZero + "\njeq %r0, 0, exit\nldxdw %r0, [%r0+8]\nexit", DiagnosticCode.MapValueOutOfBounds, 7 },
        { ".rodata written", ProgramType.Xdp, null, "lddw %r1, map_idx_value 3\nstw [%r1+0], 1\nmov %r0, 0\nexit", DiagnosticCode.ReadOnlyMapWrite, 2 },
        { "pointer multiplied", ProgramType.Xdp, null, "mul %r1, 2\nmov %r0, 0\nexit", DiagnosticCode.InvalidPointerArithmetic, 0 },
        { "two pointers added", ProgramType.Xdp, null, "add %r1, %r10\nmov %r0, 0\nexit", DiagnosticCode.InvalidPointerArithmetic, 0 },
        { "32-bit arithmetic on a pointer", ProgramType.Xdp, null, "add32 %r1, 4\nmov %r0, 0\nexit", DiagnosticCode.InvalidPointerArithmetic, 0 },
        { "context and stack compared", ProgramType.Xdp, null, "mov %r0, 0\njgt %r1, %r10, exit\nexit", DiagnosticCode.PointerComparison, 1 },
        { "pointer compared with a number", ProgramType.Xdp, null, "mov %r0, 0\njgt %r1, 5, exit\nexit", DiagnosticCode.PointerComparison, 1 },
        { "pointer stored into a map value", ProgramType.Xdp, null, LookupKeyZero + "\njeq %r0, 0, out\nstxdw [%r0+0], %r10\nout:\nmov %r0, 0\nexit", DiagnosticCode.PointerLeak, 7 },
        { "pointer spilled as 4 bytes", ProgramType.Xdp, null, "stxw [%r10-8], %r1\nmov %r0, 0\nexit", DiagnosticCode.PointerLeak, 0 },
        { "half of a spilled pointer read back", ProgramType.Xdp, null, "stxdw [%r10-8], %r1\nldxw %r0, [%r10-8]\nexit", DiagnosticCode.PointerLeak, 1 },
        { "pointer returned", ProgramType.Xdp, null, "mov %r0, %r1\nexit", DiagnosticCode.PointerReturned, 1 },
        { "number where a map is expected", ProgramType.Xdp, null, "stdw [%r10-8], 0\nmov %r2, %r10\nadd %r2, -8\nmov %r1, 0\ncall 1\nmov %r0, 0\nexit", DiagnosticCode.InvalidHelperArgument, 4 },
        { "map key not written", ProgramType.Xdp, null, "mov %r2, %r10\nadd %r2, -8\nlddw %r1, map_idx 0\ncall 1\nmov %r0, 0\nexit", DiagnosticCode.UninitializedStackRead, 4 },
        { "map key runs off the stack", ProgramType.Xdp, null, "stw [%r10-4], 0\nmov %r2, %r10\nadd %r2, -4\nlddw %r1, map_idx 0\ncall 1\nmov %r0, 0\nexit", DiagnosticCode.StackOutOfBounds, 5 },
        { "helper size not bounded below", ProgramType.Xdp, null, "ldxw %r2, [%r1+12]\nstdw [%r10-8], 0\nmov %r1, %r10\nadd %r1, -8\ncall 6\nmov %r0, 0\nexit", DiagnosticCode.HelperMemoryTooSmall, 4 },
        { "tail call through a hash map", ProgramType.Xdp, null, "lddw %r2, map_idx 0\nmov %r3, 0\ncall 12\nmov %r0, 0\nexit", DiagnosticCode.TailCallWithoutProgramArray, 3 },
        { "ring buffer record written past its size", ProgramType.Xdp, null, """
            lddw %r1, map_idx 4
            mov %r2, 8
            mov %r3, 0
            call 131
            jeq %r0, 0, out
            stdw [%r0+8], 1
            mov %r1, %r0
            mov %r2, 0
            call 132
            out:
            mov %r0, 0
            exit
            """, DiagnosticCode.RecordOutOfBounds, 6 },
        { "ring buffer record never submitted", ProgramType.Xdp, null, "lddw %r1, map_idx 4\nmov %r2, 8\nmov %r3, 0\ncall 131\nmov %r0, 0\nexit", DiagnosticCode.UnreleasedRecord, 6 },
        { "load through a number", ProgramType.Xdp, null, "mov %r1, 64\nldxw %r0, [%r1+0]\nexit", DiagnosticCode.InvalidDereference, 1 },
        { "connect4 returns 2", ProgramType.CgroupSockAddr, AttachType.CgroupInet4Connect, "mov %r0, 2\nexit", DiagnosticCode.ReturnValueOutOfRange, 1 },
        { "unknown helper", ProgramType.Xdp, null, "call 9999\nmov %r0, 0\nexit", DiagnosticCode.UnknownHelperPrototype, 0 },
        { "socket buffer helper from XDP", ProgramType.Xdp, null, "call 26\nmov %r0, 0\nexit", DiagnosticCode.HelperNotAllowedForType, 0 },
        { "loop that never changes", ProgramType.Xdp, null, "mov %r0, 0\nloop:\njeq %r0, 0, loop\nexit", DiagnosticCode.UnboundedLoop, 1 },
        { "recursion", ProgramType.Xdp, null, "call local -1\nexit", DiagnosticCode.RecursiveCall, 0 },
        { "no exit", ProgramType.Xdp, null, "mov %r0, 0", DiagnosticCode.FallsOffFunction, 0 },
        { "frames of 400 and 200 bytes", ProgramType.Xdp, null, """
            stdw [%r10-400], 0
            call local +2
            mov %r0, 0
            exit
            stdw [%r10-200], 0
            mov %r0, 0
            exit
            """, DiagnosticCode.StackTooLarge, 1 },
        { "callback returning 2", ProgramType.Xdp, null, """
            mov %r1, 4
            lddw %r2, func 6
            mov %r3, 0
            mov %r4, 0
            call 181
            mov %r0, 0
            exit
            mov %r0, 2
            exit
            """, DiagnosticCode.CallbackReturnValue, 9 },
        { "callback that is a number", ProgramType.Xdp, null, "mov %r1, 4\nmov %r2, 0\nmov %r3, 0\nmov %r4, 0\ncall 181\nmov %r0, 0\nexit", DiagnosticCode.UnresolvedCallback, 4 },
        { "map by file descriptor", ProgramType.Xdp, null, "lddw %r1, map_fd 3\nmov %r0, 0\nexit", DiagnosticCode.UnverifiableInstruction, 0 },
        { "program type without a description", ProgramType.LwtIn, null, "mov %r0, 0\nexit", DiagnosticCode.UnverifiableProgramType, 0 },
        { "fentry argument dereferenced", ProgramType.Tracing, AttachType.TraceFentry, "ldxdw %r1, [%r1+0]\nldxw %r2, [%r1+16]\nmov %r0, 0\nexit", DiagnosticCode.BtfTypedPointerUnsupported, 1 },
        { "current task taken without the kernel's types", ProgramType.Tracing, AttachType.TraceFentry, "call 158\nmov %r0, 0\nexit", DiagnosticCode.BtfTypedPointerUnsupported, 0 },
        { "kprobe register as a pointer", ProgramType.Kprobe, null, "ldxdw %r1, [%r1+112]\nldxw %r2, [%r1+0]\nmov %r0, 0\nexit", DiagnosticCode.InvalidDereference, 1 },
        { "kprobe writing its registers", ProgramType.Kprobe, null, "mov %r2, 0\nstxdw [%r1+80], %r2\nmov %r0, 0\nexit", DiagnosticCode.ContextFieldReadOnly, 1 },
        { "tracepoint common header", ProgramType.Tracepoint, null, "ldxw %r2, [%r1+4]\nmov %r0, 0\nexit", DiagnosticCode.InvalidContextAccess, 0 },
        { "fentry returning 1", ProgramType.Tracing, AttachType.TraceFentry, "mov %r0, 1\nexit", DiagnosticCode.ReturnValueOutOfRange, 1 },
        { "sock_ops writing args", ProgramType.SockOps, AttachType.CgroupSockOps, "mov %r2, 0\nstxw [%r1+8], %r2\nmov %r0, 1\nexit", DiagnosticCode.ContextFieldReadOnly, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unsafe_program_is_rejected_at_the_instruction_that_breaks_the_rule(string what, ProgramType type, AttachType? attach, string source, DiagnosticCode code, int instruction)
    {
        var result = Verify(source, type, attach);
        Assert.True(!result.IsAccepted, $"{what}: accepted");
        AssertRejected(result, code, instruction);
    }

    [Fact]
    public void Nine_nested_frames_are_refused_at_the_call_that_makes_the_ninth()
    {
        var source = string.Concat(Enumerable.Repeat("call local +1\nexit\n", 8)) + "mov %r0, 0\nexit";
        AssertRejected(Verify(source), DiagnosticCode.TooManyCallFrames, 14);
    }

    [Fact]
    public void Every_verifier_code_has_a_rejection_case()
    {
        // A rejection case here or in the YAML corpus (the BTF-typed pointer codes need the target BTF its cases name).
        var golden = Golden.VerifierCaseReader.All().Where(c => c.Expected is not null)
            .Select(c => (DiagnosticCode)int.Parse(c.Expected!.Id.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture));
        var covered = Cases.Select(row => (DiagnosticCode)row[4]).Append(DiagnosticCode.TooManyCallFrames).Concat(golden).ToHashSet();
        var missing = Enum.GetValues<DiagnosticCode>()
            .Where(c => (int)c is >= 5000 and < 5900 && !covered.Contains(c))
            .Except([DiagnosticCode.ProgramTooComplex]);
        Assert.Empty(missing);
    }
}
