using Ebpf.Runtime.Execution;
using System.CommandLine;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Conformance;
using Ebpf.Runtime.Conformance;

namespace Ebpf.Cli.Commands;

/// <summary><c>ebpf conformance DIR</c>: runs a bpf_conformance folder and ends with <c>N passed, M failed</c>.</summary>
internal static class ConformanceCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A folder of .data test files, or one file." };
        var engine = EngineOption.Create(EngineKind.Interpreter);
        var expectFailure = new Option<bool>("--expect-failure")
        {
            Description = "Negative tests: a test passes when its program is refused with a reason, or returns another result.",
        };
        var budget = BudgetOption.Create("Instructions a test may execute before it is stopped.");
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also list the tests that pass." };
        var command = new Command("conformance", "Run bpf_conformance tests (.data files) on an engine.")
        {
            path, engine, expectFailure, budget, verbose,
        };
        command.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var target = parse.GetValue(path)!;
            var limit = BudgetOption.Read(parse, budget, target);

            var runner = new ConformanceRunner(parse.GetValue(engine), limit);
            var outcomes = Run(target, runner, parse.GetValue(expectFailure));
            foreach (var outcome in outcomes)
            {
                if (!outcome.Passed || parse.GetValue(verbose))
                {
                    output.WriteLine($"{(outcome.Passed ? "PASS" : outcome.Failed ? "FAIL" : "SKIP")} {outcome.Describe()}");
                }
            }

            var failed = outcomes.Count(o => o.Failed);
            var skipped = outcomes.Count(o => o.Verdict == ConformanceVerdict.Skipped);
            output.WriteLine($"{outcomes.Length - failed - skipped} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : ""));
            return failed == 0 ? EbpfCommand.Success : EbpfCommand.NegativeVerdict;
        }));
        return command;
    }

    private static System.Collections.Immutable.ImmutableArray<ConformanceOutcome> Run(string target, ConformanceRunner runner, bool expectFailure)
    {
        if (File.Exists(target))
        {
            return [runner.Run(ConformanceTestParser.Parse(Path.GetFileName(target), File.ReadAllText(target)), expectFailure)];
        }

        if (!Directory.Exists(target))
        {
            throw CommandAction.Refuse(DiagnosticCode.InputNotFound, target, "no such file or folder");
        }

        if (ConformanceSuite.Files(target).IsEmpty)
        {
            throw CommandAction.Refuse(DiagnosticCode.InputNotFound, target, "the folder holds no .data test files");
        }

        return ConformanceSuite.Run(target, runner, expectFailure);
    }
}
