using System.Runtime.CompilerServices;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Compilation;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Tests.Interpretation;

namespace Ebpf.Runtime.Tests.Compilation;

public sealed class JitProgramTests
{
    private const string Add = "mov %r0, %r1\nadd %r0, %r2\nexit";

    [Fact]
    public void The_generated_code_is_collected_with_its_program()
    {
        var code = CompileAndDrop();
        for (var i = 0; i < 10 && code.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(code.IsAlive, "the DynamicMethod outlived its JitProgram");
    }

    [Fact]
    public void A_listing_is_kept_only_when_asked_for_and_shows_each_instruction_above_its_il()
    {
        var program = ProgramRunner.Decode(Add);
        Assert.Null(JitProgram.Compile(program, HelperTable.Empty).Listing);
        var listing = JitProgram.Compile(program, HelperTable.Empty, recordListing: true).Listing!;
        Assert.StartsWith("function ebpf_0:", listing, StringComparison.Ordinal);
        Assert.Contains("  // 1: r0 += r2", listing, StringComparison.Ordinal);
        Assert.Matches(@"IL_[0-9a-f]{4}: add\n", listing);
        Assert.True(listing.IndexOf("// 1: r0 += r2", StringComparison.Ordinal) < listing.IndexOf(": add\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Compiled_code_does_not_count_instructions_and_runs_unchecked_by_its_engine_kind()
    {
        var compiled = JitProgram.Compile(ProgramRunner.Decode(Add), HelperTable.Empty);
        var result = compiled.Run(ExecutionRequest.WithArguments(40, 2));
        Assert.Equal((42UL, 0L), (result.ReturnValue, result.InstructionCount));
        Assert.Equal(EngineKind.Jit, compiled.Engine);
        Assert.False(Engines.Checks(EngineKind.Jit));
    }

    [Fact]
    public void With_a_budget_compiled_code_counts_local_calls_and_stops_in_the_callee_where_the_interpreter_does()
    {
        // The callee loops forever: the budget stops it inside the call, counting the caller's instructions too.
        var program = ProgramRunner.Decode("mov %r1, 1\ncall local f\nexit\nf:\nadd %r1, 1\nja -2\nexit");
        foreach (var budget in new long[] { 1, 2, 3, 50 })
        {
            var options = new ExecutionOptions(InstructionBudget: budget);
            var expected = new Ebpf.Runtime.Interpretation.Interpreter(program, HelperTable.Empty, options).Run(ExecutionRequest.WithArguments());
            var compiled = JitProgram.Compile(program, HelperTable.Empty, options).Run(ExecutionRequest.WithArguments());
            Assert.Equal(DiagnosticCode.InstructionBudgetExceeded, expected.Fault?.Code);
            Assert.Equal((expected.Fault!.InstructionIndex, expected.Fault.Message, expected.InstructionCount), (compiled.Fault?.InstructionIndex, compiled.Fault?.Message, compiled.InstructionCount));
        }
    }

    [Fact]
    public void Frames_are_zeroed_on_entry_unless_the_verifier_proved_no_stack_byte_is_read_before_it_is_written()
    {
        var program = ProgramRunner.Decode("mov %r2, %r10\nadd %r2, -8\nldxdw %r0, [%r2]\nexit");
        string Listing(bool verified) => JitProgram.Compile(program, HelperTable.Empty, ExecutionOptions.Default with { Checked = false, Verified = verified }, recordListing: true).Listing!;
        Assert.Contains("initblk", Listing(verified: false), StringComparison.Ordinal);
        Assert.DoesNotContain("initblk", Listing(verified: true), StringComparison.Ordinal);
        Assert.Equal(0UL, JitProgram.Compile(program, HelperTable.Empty).Run(ExecutionRequest.WithArguments()).ReturnValue);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CompileAndDrop()
    {
        var compiled = JitProgram.Compile(ProgramRunner.Decode(Add), HelperTable.Empty);
        Assert.Equal(3UL, compiled.Run(ExecutionRequest.WithArguments(1, 2)).ReturnValue);
        Assert.Same(compiled.EntryMethod, compiled.EntryMethod); // the method itself, not a fresh wrapper that dies at once
        return new WeakReference(compiled.EntryMethod);
    }
}
