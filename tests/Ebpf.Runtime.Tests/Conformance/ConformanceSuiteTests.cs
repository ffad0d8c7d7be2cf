using Ebpf.Core.Conformance;
using Ebpf.Runtime.Conformance;
using Ebpf.Runtime.Execution;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Conformance;

public sealed class ConformanceSuiteTests
{
    public static TheoryData<EngineKind> AllEngines() => [.. Engines.Available];

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void Every_test_of_the_public_suite_passes(EngineKind engine)
    {
        var outcomes = ConformanceSuite.Run(RepositoryPaths.Conformance, new ConformanceRunner(engine));
        Assert.Equal(ConformanceSuite.Files(RepositoryPaths.Conformance).Length, outcomes.Length);
        Assert.True(outcomes.Length >= 313, $"only {outcomes.Length} tests found");
        Assert.Empty(outcomes.Where(o => !o.Passed).Select(o => o.Describe()));
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void Every_negative_test_of_the_public_suite_is_refused_with_a_reason(EngineKind engine)
    {
        var folder = Path.Combine(RepositoryPaths.Conformance, "negative");
        var outcomes = ConformanceSuite.Run(folder, new ConformanceRunner(engine), expectFailure: true);
        Assert.Equal(ConformanceSuite.Files(folder).Length, outcomes.Length);
        Assert.True(outcomes.Length >= 60, $"only {outcomes.Length} tests found");
        Assert.Empty(outcomes.Where(o => o.Failed).Select(o => o.Describe()));

        // An unchecked engine may only skip what the checked interpreter refuses at run time (error.data reads r0 unset).
        Assert.True(Engines.Checks(engine) ? outcomes.All(o => o.Verdict != ConformanceVerdict.Skipped) : outcomes.Count(o => o.Verdict == ConformanceVerdict.Skipped) <= 1);
        Assert.All(outcomes.Where(o => o.Verdict == ConformanceVerdict.Refused), o => Assert.Matches("EBPF[0-9]{4}", o.Reason));
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void Every_test_of_our_own_corpus_passes(EngineKind engine)
    {
        var folder = Path.Combine(RepositoryPaths.TestData, "conformance");
        var outcomes = ConformanceSuite.Run(folder, new ConformanceRunner(engine));
        Assert.Equal(Directory.GetFiles(folder, "*.data").Length, outcomes.Length);
        Assert.NotEmpty(outcomes);
        Assert.Empty(outcomes.Where(o => o.Failed).Select(o => o.Describe()));
        var skipped = outcomes.Where(o => o.Verdict == ConformanceVerdict.Skipped).ToList();
        if (Engines.Checks(engine))
        {
            Assert.Empty(skipped);
        }
        else
        {
            // Unchecked engines skip exactly the cases that expect a fault only checked mode detects, and say why.
            var checkedOnly = Directory.GetFiles(folder, "*.data")
                .Select(f => ConformanceTestParser.Parse(Path.GetFileName(f), File.ReadAllText(f)))
                .Where(t => Enum.GetValues<Core.Diagnostics.DiagnosticCode>().Any(c => Engines.IsCheckedOnly(c) && t.ExpectedError?.Trim() == $"EBPF{(int)c:D4}"))
                .Select(t => t.Name);
            Assert.Equal(checkedOnly.Order(StringComparer.Ordinal), skipped.Select(o => o.Name).Order(StringComparer.Ordinal));
            Assert.All(skipped, o => Assert.Contains("checked interpreter", o.Reason, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_refusal_with_another_code_than_the_expected_one_fails()
    {
        var test = ConformanceTestParser.Parse("t.data", "-- asm\nmov %r0, 0\nexit\n-- error\nEBPF3001\n");
        var outcome = new ConformanceRunner(EngineKind.Interpreter).Run(test);
        Assert.Equal(ConformanceVerdict.RanWithoutExpectation, outcome.Verdict);
        Assert.False(outcome.Passed);

        var wrongCode = ConformanceTestParser.Parse("t.data", "-- asm\nadd %r0, 1\nexit\n-- error\nEBPF3001\n");
        Assert.False(new ConformanceRunner(EngineKind.Interpreter).Run(wrongCode).Passed);
    }

    [Fact]
    public void Malformed_files_are_refused_with_diagnostics()
    {
        var runner = new ConformanceRunner(EngineKind.Interpreter);
        Assert.Contains("EBPF2102", runner.Run(ConformanceTestParser.Parse("empty.data", "")).Reason, StringComparison.Ordinal);
        Assert.Contains("EBPF2101", runner.Run(ConformanceTestParser.Parse("x.data", "-- asm\nexit\n-- bogus\n")).Reason, StringComparison.Ordinal);
        Assert.Contains("EBPF2103", runner.Run(ConformanceTestParser.Parse("x.data", "-- asm\nexit\n-- mem\nzz\n")).Reason, StringComparison.Ordinal);
        Assert.Contains("EBPF2104", runner.Run(ConformanceTestParser.Parse("x.data", "-- asm\nexit\n-- raw\n0x0000000000000000\n")).Reason, StringComparison.Ordinal);
    }
}
