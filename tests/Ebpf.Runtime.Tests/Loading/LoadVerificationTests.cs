using Ebpf.Core.Diagnostics;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Loading;

/// <summary>Loading verifies by default; loading unverified is an explicit choice that forces the checked interpreter.</summary>
public sealed class LoadVerificationTests
{
    /// <summary>An XDP program that increments a hash map value without checking the lookup for null.</summary>
    private static string NullCheckBug => Path.Combine(RepositoryPaths.TestData, "verifier", "c", "null_check.bug.o");

    private static string NullCheckTwin => Path.Combine(RepositoryPaths.TestData, "verifier", "c", "null_check.twin.o");

    private static byte[] Packet => File.ReadAllBytes(Path.Combine(RepositoryPaths.Shared, "bench", "pkt_udp_512.bin"));

    [Fact]
    public void A_program_the_verifier_rejects_is_not_loaded()
    {
        var refused = Assert.Throws<DiagnosticException>(() => LoadedObject.Load(ObjectReader.ReadFile(NullCheckBug)));

        var diagnostic = Assert.Single(refused.Diagnostics);
        Assert.Equal("EBPF5206", diagnostic.Id);
        Assert.Equal("count_by_ifindex", diagnostic.Location.Program);
        Assert.NotNull(diagnostic.Location.InstructionIndex);
        Assert.NotNull(diagnostic.Location.Source);
    }

    [Fact]
    public void A_proven_program_is_loaded_and_says_so()
    {
        using var loaded = LoadedObject.Load(ObjectReader.ReadFile(NullCheckTwin));

        Assert.True(loaded.Programs[0].IsVerified);
        Assert.Equal(2UL, loaded.Programs[0].TestRun(new TestRunOptions(Packet)).ReturnValue);
    }

    [Fact]
    public void An_unverified_program_runs_checked_even_when_unchecked_was_asked()
    {
        var options = new LoadOptions(EngineKind.Interpreter, new ExecutionOptions(Checked: false)) { AllowUnverified = true };
        using var loaded = LoadedObject.Load(ObjectReader.ReadFile(NullCheckBug), options);

        // The map is empty, so the lookup returns null and the increment must stop with a fault, not touch address 0.
        var result = loaded.Programs[0].TestRun(new TestRunOptions(Packet));
        Assert.False(loaded.Programs[0].IsVerified);
        Assert.NotNull(result.Fault);
        Assert.Equal(DiagnosticCode.OutOfBoundsAccess, result.Fault!.Code);
    }

    [Fact]
    public void Unverified_loading_chooses_the_checked_interpreter_whatever_engine_was_asked()
    {
        foreach (var engine in Enum.GetValues<EngineKind>())
        {
            var options = new LoadOptions(engine, new ExecutionOptions(Checked: false, InstructionBudget: 100)) { AllowUnverified = true };
            Assert.Equal(EngineKind.Interpreter, options.EffectiveEngine);
            Assert.True(options.EffectiveExecution!.Checked);
            Assert.False(options.EffectiveExecution.Verified);
            Assert.Equal(100, options.EffectiveExecution.InstructionBudget);

            var verified = new LoadOptions(engine, new ExecutionOptions(Checked: false));
            Assert.Equal(engine, verified.EffectiveEngine);
            Assert.False(verified.EffectiveExecution!.Checked);
        }
    }

    [Fact]
    public void Verified_programs_run_unchecked_and_unzeroed_on_the_jit_whatever_was_asked_and_unzeroed_checked_as_asked_on_the_interpreter()
    {
        foreach (var execution in new ExecutionOptions?[] { null, new ExecutionOptions(Checked: true, InstructionBudget: 100) })
        {
            var jit = new LoadOptions(EngineKind.Jit, execution);
            Assert.Equal((false, true), (jit.EffectiveExecution!.Checked, jit.EffectiveExecution.Verified));
            Assert.Equal(execution?.InstructionBudget, jit.EffectiveExecution.InstructionBudget);

            var interpreter = new LoadOptions(EngineKind.Interpreter, execution);
            Assert.Equal((execution ?? ExecutionOptions.Default) with { Verified = true }, interpreter.EffectiveExecution);
        }
    }

    [Fact]
    public void Skipped_programs_are_not_verified()
    {
        var spec = ObjectReader.ReadFile(NullCheckBug);
        using var loaded = LoadedObject.Load(spec, new LoadOptions { SkipPrograms = new HashSet<string>(StringComparer.Ordinal) { "count_by_ifindex" } });
        Assert.Empty(loaded.Programs);
    }
}
