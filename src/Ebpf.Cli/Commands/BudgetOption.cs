using System.CommandLine;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Conformance;

namespace Ebpf.Cli.Commands;

/// <summary>The <c>--budget</c> option shared by the commands that run unverified programs.</summary>
internal static class BudgetOption
{
    public static Option<long> Create(string description) => new("--budget")
    {
        Description = description,
        DefaultValueFactory = _ => ConformanceRunner.DefaultBudget,
    };

    /// <summary>The budget given, refusing one that is not positive.</summary>
    public static long Read(ParseResult parse, Option<long> option, string path)
    {
        var budget = parse.GetValue(option);
        return budget > 0 ? budget : throw CommandAction.Refuse(DiagnosticCode.InputFormat, path, "--budget must be positive");
    }
}
