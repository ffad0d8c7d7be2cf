namespace Ebpf.Runtime.Conformance;

/// <summary>What happened to a conformance test's program.</summary>
public enum ConformanceVerdict
{
    /// <summary>It ran and r0 equals the expected result.</summary>
    Matched,
    /// <summary>It ran and r0 differs from the expected result.</summary>
    Mismatched,
    /// <summary>It ran, but the file gives no result to compare with.</summary>
    RanWithoutExpectation,
    /// <summary>It was refused: malformed file, assembler or decoder error, or a fault while running.</summary>
    Refused,
    /// <summary>
    /// Not run: the engine is unchecked (it trusts programs to be safe), and the checked interpreter, standing in
    /// for the verifier, stopped this program with a fault only checked mode detects.
    /// </summary>
    Skipped,
}
