namespace Ebpf.Runtime.Conformance;

/// <summary>The outcome of one conformance test.</summary>
/// <param name="Name">The test's file name.</param>
/// <param name="Verdict">What happened to the program.</param>
/// <param name="Passed">Whether the test passed, given whether a refusal was expected; false when it was skipped.</param>
/// <param name="Expected">The expected r0, if the file gives one.</param>
/// <param name="Actual">r0 at exit, if the program ran to its end.</param>
/// <param name="Reason">Why it was refused, with a diagnostic code; null when it ran.</param>
public sealed record ConformanceOutcome(string Name, ConformanceVerdict Verdict, bool Passed, ulong? Expected, ulong? Actual, string? Reason)
{
    /// <summary>Whether the test failed: it neither passed nor was skipped.</summary>
    public bool Failed => !Passed && Verdict != ConformanceVerdict.Skipped;

    /// <summary>One line for people: what was expected and what happened.</summary>
    public string Describe() => Verdict switch
    {
        ConformanceVerdict.Matched => $"{Name}: returned 0x{Actual:x}, as expected",
        ConformanceVerdict.Mismatched => $"{Name}: expected 0x{Expected:x}, got 0x{Actual:x}",
        ConformanceVerdict.RanWithoutExpectation => $"{Name}: ran to its end (r0 = 0x{Actual:x}) although the file expects a refusal",
        ConformanceVerdict.Skipped => $"{Name}: skipped: {Reason}",
        _ => $"{Name}: refused: {Reason}",
    };
}
