namespace Ebpf.Verifier.Tests.Kernel;

/// <summary>
/// The C corpus of realistic programs with one deliberate bug each and their correct twins: we reject each
/// bug with its expected diagnostic and accept each twin, and the kernel, where it can be asked, agrees.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class CCorpusTests
{
    public static TheoryData<string> Names() => [.. CCorpus.Names()];

    [Fact]
    public void Every_source_has_both_objects_and_an_expected_diagnostic()
    {
        Assert.True(CCorpus.Names().Count >= 8, "the corpus has a bug for each of the eight kinds the issue names");
        foreach (var name in CCorpus.Names())
        {
            Assert.True(File.Exists(CCorpus.Bug(name)), $"{name}.bug.o is missing: run testdata/verifier/c/build.sh");
            Assert.True(File.Exists(CCorpus.Twin(name)), $"{name}.twin.o is missing: run testdata/verifier/c/build.sh");
            Assert.NotNull(CCorpus.Expected(name));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_bug_is_rejected_with_its_expected_diagnostic(string name)
    {
        var spec = CCorpus.Read(CCorpus.Bug(name));
        var rejected = CCorpus.Verify(spec).Where(r => !r.IsAccepted).ToList();

        var result = Assert.Single(rejected);
        var first = result.Diagnostics[0];
        Assert.True(first.Id == CCorpus.Expected(name), $"expected {CCorpus.Expected(name)}, got {first}");
        Assert.NotNull(first.Location.InstructionIndex);
        Assert.NotNull(first.Location.Source);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_twin_is_accepted(string name)
    {
        var spec = CCorpus.Read(CCorpus.Twin(name));
        var diagnostics = CCorpus.Verify(spec).SelectMany(r => r.Diagnostics).ToList();
        Assert.True(diagnostics.Count == 0, string.Join(Environment.NewLine, diagnostics));
    }

    [KernelTheory]
    [MemberData(nameof(Names))]
    public void The_kernel_rejects_the_bug_and_accepts_the_twin(string name)
    {
        var withoutPerfmon = CCorpus.WithoutPerfmon(name);

        Assert.False(KernelVerdict.Accepts(CCorpus.Bug(name), withoutPerfmon, out var bugLog), $"the kernel accepted {name}.bug.o:{Environment.NewLine}{bugLog}");
        Assert.True(KernelVerdict.Accepts(CCorpus.Twin(name), withoutPerfmon, out var twinLog), $"the kernel rejected {name}.twin.o:{Environment.NewLine}{twinLog}");
    }
}
