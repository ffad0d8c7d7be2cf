using Ebpf.Core.Abi;
using Ebpf.Core.Isa.Text;
using Ebpf.Core.Specs;

namespace Ebpf.Verifier.Tests;

/// <summary>Programs written in the conformance assembler syntax, verified as a given program type with given maps.</summary>
internal static class TestPrograms
{
    /// <summary>An 8-byte-key, 8-byte-value hash map (index 0 in <see cref="Maps"/>).</summary>
    public static MapSpec Hash { get; } = new("hash", MapType.Hash, 8, 8, 16, MapFlags.None);

    /// <summary>A 4-byte-key array of 16-byte values (index 1).</summary>
    public static MapSpec Array { get; } = new("array", MapType.Array, 4, 16, 4, MapFlags.None);

    /// <summary>A program array (index 2).</summary>
    public static MapSpec Programs { get; } = new("jumps", MapType.ProgArray, 4, 4, 4, MapFlags.None);

    /// <summary><c>.rodata</c>, read-only for programs, holding "hi\0" and padding (index 3).</summary>
    public static MapSpec ReadOnlyData { get; } = new(".rodata", MapType.Array, 4, 8, 1, MapFlags.ReadOnlyProgram)
    {
        InitialValue = [(byte)'h', (byte)'i', 0, 0, 0, 0, 0, 0],
    };

    /// <summary>A ring buffer (index 4).</summary>
    public static MapSpec Events { get; } = new("events", MapType.Ringbuf, 0, 0, 4096, MapFlags.None);

    /// <summary>
    /// The preamble the check tests share: looks up key 0 (eight zero bytes on the stack) in <see cref="Hash"/>,
    /// leaving the value or null in r0, six instructions.
    /// </summary>
    public const string LookupKeyZero = """
        stdw [%r10-8], 0
        mov %r2, %r10
        add %r2, -8
        lddw %r1, map_idx 0
        call 1
        """;

    /// <summary>The maps every test program may refer to by index.</summary>
    public static IReadOnlyList<MapSpec> Maps { get; } = [Hash, Array, Programs, ReadOnlyData, Events];

    /// <summary>Assembles <paramref name="source"/> and verifies it.</summary>
    public static VerificationResult Verify(string source, ProgramType type = ProgramType.Xdp, AttachType? attach = null, bool recordStates = false)
    {
        Assert.True(Assembler.TryAssemble(source, out var slots, out var problems), string.Join(Environment.NewLine, problems));
        var program = new ProgramSpec("test", type.ToString().ToLowerInvariant(), type, attach, null, slots, [], []);
        return ProgramVerifier.Verify(program, Maps, new VerifierOptions { RecordStates = recordStates });
    }

    /// <summary>Asserts the program is accepted.</summary>
    public static void AssertAccepted(VerificationResult result) =>
        Assert.True(result.IsAccepted, string.Join(Environment.NewLine, result.Diagnostics));

    /// <summary>Asserts the program is rejected, first with <paramref name="code"/> at instruction <paramref name="instruction"/>.</summary>
    public static void AssertRejected(VerificationResult result, Core.Diagnostics.DiagnosticCode code, int instruction)
    {
        Assert.False(result.IsAccepted, "the program was accepted");
        Assert.Contains(result.Diagnostics, d => d.Code == code && d.Location.InstructionIndex == instruction);
    }
}
