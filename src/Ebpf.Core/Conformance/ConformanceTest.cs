using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;

namespace Ebpf.Core.Conformance;

/// <summary>
/// One test of the bpf_conformance format: a program (<c>-- asm</c> text or <c>-- raw</c> bytes), optional
/// input memory (<c>-- mem</c>), and the expected 64-bit r0 (<c>-- result</c>) or an expected refusal (<c>-- error</c>).
/// </summary>
/// <param name="Name">The file name.</param>
/// <param name="Assembly">The <c>-- asm</c> text, if any.</param>
/// <param name="AssemblyFirstLine">The file line of the first <c>-- asm</c> line, to place assembler diagnostics.</param>
/// <param name="Raw">The <c>-- raw</c> bytecode, if any.</param>
/// <param name="Memory">The <c>-- mem</c> bytes; empty when the test has none.</param>
/// <param name="ExpectedResult">The <c>-- result</c> value, if any.</param>
/// <param name="ExpectedError">The <c>-- error</c> text, if the section is present (it may be empty).</param>
/// <param name="Problems">What is wrong with the file itself.</param>
public sealed record ConformanceTest(
    string Name,
    string? Assembly,
    int AssemblyFirstLine,
    ImmutableArray<byte>? Raw,
    ImmutableArray<byte> Memory,
    ulong? ExpectedResult,
    string? ExpectedError,
    ImmutableArray<Diagnostic> Problems)
{
    /// <summary>True when the file itself says the program must be refused: an error and no result.</summary>
    public bool ExpectsRefusal => ExpectedError is not null && ExpectedResult is null;
}
