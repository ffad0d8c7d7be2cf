using Ebpf.Core.Types;
using Ebpf.Elf;
using Ebpf.Elf.Btf;

namespace Ebpf.Verifier.Tests.Kernel;

/// <summary>
/// The C corpus of realistic programs with one deliberate bug each and their correct twins: we reject each
/// bug with its expected diagnostic and accept each twin, and the kernel, where it can be asked, agrees.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class CCorpusTests
{
    /// <summary>The sources verified without the machine's types.</summary>
    public static TheoryData<string> Names() => [.. CCorpus.Names().Where(n => !CCorpus.NeedsKernelBtf(n))];

    /// <summary>The sources whose programs read kernel objects: CO-RE and BTF-typed pointers need the running kernel's BTF.</summary>
    public static TheoryData<string> KernelTypedNames() => [.. CCorpus.Names().Where(CCorpus.NeedsKernelBtf)];

    /// <summary>Every source, for the kernel.</summary>
    public static TheoryData<string> AllNames() => [.. CCorpus.Names()];

    /// <summary>The running kernel's types, as the objects are read (CO-RE) and as bpftool would load them (BTF-typed pointers).</summary>
    private static ITargetTypes? KernelTypes => BtfTargetTypes.Of(ObjectReadOptions.Default);

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
    public void The_bug_is_rejected_with_its_expected_diagnostic(string name) => BugIsRejected(name);

    [Theory]
    [MemberData(nameof(Names))]
    public void The_twin_is_accepted(string name) => TwinIsAccepted(name);

    [KernelBtfTheory]
    [MemberData(nameof(KernelTypedNames))]
    public void The_bug_reading_kernel_objects_is_rejected_with_its_expected_diagnostic(string name) => BugIsRejected(name);

    [KernelBtfTheory]
    [MemberData(nameof(KernelTypedNames))]
    public void The_twin_reading_kernel_objects_is_accepted(string name) => TwinIsAccepted(name);

    private static void BugIsRejected(string name)
    {
        var spec = CCorpus.Read(CCorpus.Bug(name));
        var rejected = CCorpus.Verify(spec, KernelTypes).Where(r => !r.IsAccepted).ToList();

        var result = Assert.Single(rejected);
        var first = result.Diagnostics[0];
        Assert.True(first.Id == CCorpus.Expected(name), $"expected {CCorpus.Expected(name)}, got {first}");
        Assert.NotNull(first.Location.InstructionIndex);
        Assert.NotNull(first.Location.Source);
    }

    private static void TwinIsAccepted(string name)
    {
        var spec = CCorpus.Read(CCorpus.Twin(name));
        var diagnostics = CCorpus.Verify(spec, KernelTypes).SelectMany(r => r.Diagnostics).ToList();
        Assert.True(diagnostics.Count == 0, string.Join(Environment.NewLine, diagnostics));
    }

    [KernelTheory]
    [MemberData(nameof(AllNames))]
    public void The_kernel_rejects_the_bug_and_accepts_the_twin(string name)
    {
        var withoutPerfmon = CCorpus.WithoutPerfmon(name);

        Assert.False(KernelVerdict.Accepts(CCorpus.Bug(name), withoutPerfmon, out var bugLog), $"the kernel accepted {name}.bug.o:{Environment.NewLine}{bugLog}");
        Assert.True(KernelVerdict.Accepts(CCorpus.Twin(name), withoutPerfmon, out var twinLog), $"the kernel rejected {name}.twin.o:{Environment.NewLine}{twinLog}");
    }
}
