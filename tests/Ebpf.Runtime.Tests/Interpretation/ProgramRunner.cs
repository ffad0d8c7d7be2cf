using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Interpretation;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Tests.Interpretation;

/// <summary>Assembles and runs small programs on every engine, for tests.</summary>
internal static class ProgramRunner
{
    public static DecodedProgram Decode(string assembly)
    {
        var slots = Assembler.Assemble(assembly);
        Assert.True(ProgramDecoder.TryDecode(slots.AsSpan(), out var program, out var diagnostics), string.Join("\n", diagnostics));
        return program!;
    }

    /// <summary>
    /// Runs on every engine, and on the interpreter unchecked too where the checked run found the program safe; asserts
    /// they agree, and returns the (checked) interpreter's result.
    /// </summary>
    public static ExecutionResult Run(string assembly, byte[]? memory = null, ExecutionOptions? options = null, HelperTable? helpers = null)
    {
        var program = Decode(assembly);
        ExecutionResult? reference = null;
        foreach (var engine in Engines.Available)
        {
            if (!Engines.Checks(engine) && reference?.Fault is { } unsafeRun && Engines.IsCheckedOnly(unsafeRun.Code))
            {
                // Unchecked engines run only safe programs: the checked interpreter (first) found this one unsafe.
                continue;
            }

            using var buffer = new NativeBuffer(memory ?? []);
            var request = memory is null ? ExecutionRequest.WithArguments(0, 0) : ExecutionRequest.ForMemory(buffer.AsRegion("mem"));
            var result = Engines.Prepare(engine, program, helpers ?? HelperTable.Empty, options).Run(request);
            if (reference is { } expected)
            {
                Assert.Equal(expected.ReturnValue, result.ReturnValue);
                Assert.Equal(expected.Fault?.Code, result.Fault?.Code);
                if (options?.InstructionBudget is not null)
                {
                    // Given a budget, every engine counts, and stops at the same instruction.
                    Assert.Equal((expected.Fault?.InstructionIndex, expected.InstructionCount), (result.Fault?.InstructionIndex, result.InstructionCount));
                }
            }

            reference ??= result;
        }

        if (reference!.Value.Fault is not { } fault || !Engines.IsCheckedOnly(fault.Code))
        {
            // The interpreter's unchecked loop (its micro-code, for verified programs) stops and counts as the checked one.
            using var buffer = new NativeBuffer(memory ?? []);
            var request = memory is null ? ExecutionRequest.WithArguments(0, 0) : ExecutionRequest.ForMemory(buffer.AsRegion("mem"));
            var fast = new Interpreter(program, helpers ?? HelperTable.Empty, (options ?? ExecutionOptions.Default) with { Checked = false }).Run(request);
            var expected = reference.Value;
            Assert.Equal((expected.ReturnValue, expected.Fault?.Code, expected.Fault?.InstructionIndex, expected.InstructionCount),
                (fast.ReturnValue, fast.Fault?.Code, fast.Fault?.InstructionIndex, fast.InstructionCount));
        }

        return reference.Value;
    }

    public static ulong Returns(string assembly, byte[]? memory = null)
    {
        var result = Run(assembly, memory);
        Assert.True(result.Succeeded, result.Fault?.ToString());
        return result.ReturnValue;
    }
}
