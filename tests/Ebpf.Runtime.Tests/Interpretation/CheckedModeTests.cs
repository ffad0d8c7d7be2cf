using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Execution;

namespace Ebpf.Runtime.Tests.Interpretation;

public sealed class CheckedModeTests
{
    [Fact]
    public void Reading_past_the_end_of_memory_faults_with_address_and_region()
    {
        var result = ProgramRunner.Run("ldxw %r0, [%r1+6]\nexit", memory: new byte[8]);
        var fault = Assert.IsType<ExecutionFault>(result.Fault);
        Assert.Equal(DiagnosticCode.OutOfBoundsAccess, fault.Code);
        Assert.Equal(0, fault.InstructionIndex);
        Assert.NotNull(fault.Address);
        Assert.Contains("overruns mem", fault.Message, StringComparison.Ordinal);
        Assert.Contains("by 2 bytes", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_dereference_is_named_as_such()
    {
        var fault = ProgramRunner.Run("mov %r1, 0\nldxdw %r0, [%r1]\nexit").Fault!;
        Assert.Equal(DiagnosticCode.OutOfBoundsAccess, fault.Code);
        Assert.Equal(1, fault.InstructionIndex);
        Assert.Contains("null pointer", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stack_below_the_frame_is_out_of_bounds()
    {
        var fault = ProgramRunner.Run("stdw [%r10-520], 1\nmov %r0, 0\nexit").Fault!;
        Assert.Equal(DiagnosticCode.OutOfBoundsAccess, fault.Code);
        Assert.Contains("stack", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stack_above_the_frame_pointer_is_out_of_bounds()
    {
        var fault = ProgramRunner.Run("ldxdw %r0, [%r10]\nexit").Fault!;
        Assert.Equal(DiagnosticCode.OutOfBoundsAccess, fault.Code);
    }

    [Fact]
    public void Writing_a_read_only_region_faults()
    {
        var program = ProgramRunner.Decode("stw [%r1], 7\nmov %r0, 0\nexit");
        using var buffer = new Runtime.Memory.NativeBuffer(4);
        var result = new Runtime.Interpretation.Interpreter(program, Runtime.Helpers.HelperTable.Empty)
            .Run(ExecutionRequest.ForMemory(buffer.AsRegion("context", writable: false)));
        Assert.Equal(DiagnosticCode.ReadOnlyWrite, result.Fault!.Code);
        Assert.Equal(0, buffer.Span[0]);
    }

    [Fact]
    public void Reading_an_unset_register_faults() =>
        Assert.Equal(DiagnosticCode.UninitializedRegister, ProgramRunner.Run("add %r0, 1\nexit").Fault!.Code);

    [Fact]
    public void Arguments_are_clobbered_by_calls()
    {
        var fault = ProgramRunner.Run("mov %r1, 1\ncall local f\nmov %r0, %r1\nexit\nf:\nmov %r0, 0\nexit").Fault!;
        Assert.Equal(DiagnosticCode.UninitializedRegister, fault.Code);
        Assert.Equal(2, fault.InstructionIndex);
    }

    [Fact]
    public void An_endless_loop_ends_at_the_instruction_budget()
    {
        var result = ProgramRunner.Run("mov %r0, 0\nja -1\nexit", options: new ExecutionOptions(InstructionBudget: 1000));
        Assert.Equal(DiagnosticCode.InstructionBudgetExceeded, result.Fault!.Code);
        Assert.Equal(1000, result.InstructionCount - 1);
    }

    [Fact]
    public void Calling_an_unknown_helper_faults() =>
        Assert.Equal(DiagnosticCode.UnknownHelper, ProgramRunner.Run("call 1\nexit").Fault!.Code);

    [Fact]
    public void Recursion_stops_at_the_frame_limit()
    {
        var fault = ProgramRunner.Run("call local f\nexit\nf:\ncall local f\nexit").Fault!;
        Assert.Equal(DiagnosticCode.CallDepthExceeded, fault.Code);
        Assert.Equal(2, fault.InstructionIndex);
    }

    [Fact]
    public void Running_past_the_last_instruction_faults() =>
        Assert.Equal(DiagnosticCode.FellOffEnd, ProgramRunner.Run("mov %r0, 0").Fault!.Code);

    [Fact]
    public void Misaligned_atomics_fault() =>
        Assert.Equal(DiagnosticCode.MisalignedAtomic, ProgramRunner.Run("mov %r1, 1\nstdw [%r10-16], 0\nlock add [%r10-12], %r1\nmov %r0, 0\nexit").Fault!.Code);

    [Fact]
    public void Unrelocated_map_references_fault_instead_of_running()
    {
        var slots = Ebpf.Core.Isa.Text.Assembler.Assemble("lddw %r1, 0\nmov %r0, 0\nexit").ToArray();
        slots[0] = slots[0] with { Source = (Ebpf.Core.Isa.Register)Ebpf.Core.Isa.LoadImm64Source.MapByFd };
        Assert.True(Ebpf.Core.Isa.ProgramDecoder.TryDecode(slots, out var program, out _));
        var result = new Runtime.Interpretation.Interpreter(program!, Runtime.Helpers.HelperTable.Empty).Run(ExecutionRequest.WithArguments());
        Assert.Equal(DiagnosticCode.UnsupportedAtRuntime, result.Fault!.Code);
    }
}
