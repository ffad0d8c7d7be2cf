using System.CommandLine;
using Ebpf.Core.Abi;

namespace Ebpf.Cli.Reference;

/// <summary>The generated pages of docs/reference, by file name: what <c>ebpf docs generate</c> writes and the test compares.</summary>
internal static class ReferenceDocs
{
    /// <summary>The folder below the repository root that holds them.</summary>
    public const string Folder = "docs/reference";

    public static IReadOnlyList<(string FileName, string Text)> Generate(RootCommand root) =>
    [
        ("cli.md", CliReference.Generate(root)),
        ("program-types.md", ProgramTypeReference.Generate(AbiTable.Linux)),
        ("helpers.md", HelperReference.Generate(AbiTable.Linux, Runtime.Helpers.Linux.LinuxHelpers.Table)),
        ("map-types.md", MapTypeReference.Generate(AbiTable.Linux)),
    ];
}
