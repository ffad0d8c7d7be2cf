using Ebpf.Core.Diagnostics;
using Ebpf.Testing;

namespace Ebpf.Core.Tests.Diagnostics;

public sealed class DiagnosticCodeTests
{
    [Fact]
    public void Every_code_is_documented_with_its_name()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        foreach (var code in Enum.GetValues<DiagnosticCode>())
        {
            Assert.Contains($"| {Diagnostic.FormatCode(code)} | {code} |", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Diagnostics_print_code_location_and_message()
    {
        var diagnostic = new Diagnostic(DiagnosticCode.ReservedFieldNotZero, "offset must be zero", new DiagnosticLocation(File: "p.bin", InstructionIndex: 3));
        Assert.Equal("error EBPF1004: p.bin, instruction 3: offset must be zero", diagnostic.ToString());
    }
}
