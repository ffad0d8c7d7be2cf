using Ebpf.Core.Abi;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Memory;
using Xunit.Abstractions;

namespace Ebpf.Runtime.Tests.Compilation;

/// <summary>Random programs, safe by construction, give the same result, memory and map on the JIT (unchecked) as on the checked interpreter.</summary>
public sealed class JitDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_programs_agree_with_the_interpreter_on_result_memory_and_maps()
    {
        var seed = RandomPrograms.Seed(output);
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            var memory = new byte[RandomPrograms.MemorySize];
            random.NextBytes(memory);
            var length = random.Next(1, 60);
            var programSeed = random.Next();
            var reference = RunOn(EngineKind.Interpreter, programSeed, length, memory);
            Assert.True(reference.Result.Succeeded, $"seed {seed}, program {i}: the generator made an unsafe program: {reference.Result.Fault}");
            var jit = RunOn(EngineKind.Jit, programSeed, length, memory);
            Assert.True(jit.Result.Succeeded, $"seed {seed}, program {i}: {jit.Result.Fault}");
            Assert.True(reference.Result.ReturnValue == jit.Result.ReturnValue, $"seed {seed}, program {i}: r0 0x{reference.Result.ReturnValue:x} vs 0x{jit.Result.ReturnValue:x}\n{reference.Listing}");
            Assert.True(reference.Memory.SequenceEqual(jit.Memory), $"seed {seed}, program {i}: memory differs\n{reference.Listing}");
            Assert.True(reference.Map.SequenceEqual(jit.Map), $"seed {seed}, program {i}: map differs\n{reference.Listing}");
        }
    }

    [Fact]
    public void With_an_instruction_budget_random_programs_stop_where_the_interpreter_stops_and_count_as_it_counts()
    {
        var seed = RandomPrograms.Seed(output);
        var random = new Random(seed);
        var stopped = 0;
        for (var i = 0; i < 200; i++)
        {
            var memory = new byte[RandomPrograms.MemorySize];
            random.NextBytes(memory);
            var length = random.Next(1, 60);
            var programSeed = random.Next();

            // A budget from 1 to twice what the program runs: about half the runs stop early.
            var budget = random.Next(1, (2 * (int)RunOn(EngineKind.Interpreter, programSeed, length, memory).Result.InstructionCount) + 1);

            // The JIT runs bound (as test runs and packet loops run it), the interpreter plainly.
            var reference = RunOn(EngineKind.Interpreter, programSeed, length, memory, budget);
            var jit = RunOn(EngineKind.Jit, programSeed, length, memory, budget, bound: true);
            var where = $"seed {seed}, program {i}, budget {budget}";
            Assert.True(reference.Result.Fault?.Code == jit.Result.Fault?.Code, $"{where}: {reference.Result.Fault} vs {jit.Result.Fault}\n{reference.Listing}");
            Assert.True(reference.Result.Fault?.InstructionIndex == jit.Result.Fault?.InstructionIndex, $"{where}: {reference.Result.Fault} vs {jit.Result.Fault}");
            Assert.True(reference.Result.InstructionCount == jit.Result.InstructionCount, $"{where}: {reference.Result.InstructionCount} vs {jit.Result.InstructionCount} instructions");
            Assert.True(reference.Result.ReturnValue == jit.Result.ReturnValue, $"{where}: r0 0x{reference.Result.ReturnValue:x} vs 0x{jit.Result.ReturnValue:x}\n{reference.Listing}");
            Assert.True(reference.Memory.SequenceEqual(jit.Memory), $"{where}: memory differs\n{reference.Listing}");
            Assert.True(reference.Map.SequenceEqual(jit.Map), $"{where}: map differs\n{reference.Listing}");
            stopped += reference.Result.Fault is null ? 0 : 1;
        }

        // Budgets below and above the programs' lengths: both endings must have been compared.
        Assert.InRange(stopped, 1, 199);
    }

    /// <summary>Generates the program for a fresh map (its handle is in the code), runs it, and returns what it left.</summary>
    private static (ExecutionResult Result, byte[] Memory, byte[] Map, string Listing) RunOn(EngineKind engine, int programSeed, int length, byte[] memory, long? budget = null, bool bound = false)
    {
        using var map = BpfMap.Create(new Core.Specs.MapSpec("values", MapType.Array, 4, 8, RandomPrograms.MapEntries, Core.Specs.MapFlags.None), new MapOptions(1));
        var code = new RandomPrograms(new Random(programSeed)).Generate(length, map.Handle);
        Assert.True(ProgramDecoder.TryDecode(code.ToArray(), out var program, out var diagnostics), string.Join("\n", diagnostics));
        using var buffer = new NativeBuffer(memory);
        var request = ExecutionRequest.ForMemory(buffer.AsRegion("mem"));
        // The JIT runs unchecked, as it runs verified programs: map operations on the known map are then inlined.
        var options = ExecutionOptions.Default with { Checked = Engines.Checks(engine), InstructionBudget = budget };
        var executable = Engines.Prepare(engine, program!, LinuxHelpers.Table, options);
        request = request with { Regions = request.Regions.AddRange(map.Regions) };
        var result = bound ? executable.Bind(request).Run() : executable.Run(request);
        return (result, buffer.Span.ToArray(), RandomPrograms.MapValues(map), string.Join("\n", Core.Isa.Text.Disassembler.FormatProgram(program!)));
    }
}
