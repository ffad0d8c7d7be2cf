using Ebpf.Core.Abi;
using Ebpf.Core.Conformance;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using Ebpf.Runtime.Conformance;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Interpretation;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Memory;
using Ebpf.Runtime.Tests.Compilation;
using Ebpf.Testing;
using Xunit.Abstractions;

namespace Ebpf.Runtime.Tests.Interpretation;

/// <summary>
/// The interpreter's unchecked loop (micro-code, for verified programs) against its reference loop (checked): the
/// same results, memory, maps, faults and instruction counts.
/// </summary>
public sealed class MicroCodeTests(ITestOutputHelper output)
{
    private static readonly ExecutionOptions Unchecked = ExecutionOptions.Default with { Checked = false };

    [Fact]
    public void Random_programs_give_the_same_result_memory_map_and_count_unchecked_as_checked()
    {
        var seed = RandomPrograms.Seed(output);
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            var memory = new byte[RandomPrograms.MemorySize];
            random.NextBytes(memory);
            var length = random.Next(1, 60);
            var programSeed = random.Next();
            var reference = RunRandom(ExecutionOptions.Default, programSeed, length, memory, bound: false);
            Assert.True(reference.Result.Succeeded, $"seed {seed}, program {i}: the generator made an unsafe program: {reference.Result.Fault}");
            foreach (var bound in new[] { false, true })
            {
                var fast = RunRandom(Unchecked, programSeed, length, memory, bound);
                var where = $"seed {seed}, program {i}{(bound ? ", bound" : "")}";
                Assert.True(reference.Result == fast.Result, $"{where}: {reference.Result} vs {fast.Result}\n{reference.Listing}");
                Assert.True(reference.Memory.SequenceEqual(fast.Memory), $"{where}: memory differs\n{reference.Listing}");
                Assert.True(reference.Map.SequenceEqual(fast.Map), $"{where}: map differs\n{reference.Listing}");
            }
        }
    }

    [Fact]
    public void Every_conformance_program_the_checked_interpreter_completes_ends_alike_unchecked()
    {
        var files = ConformanceSuite.Files(RepositoryPaths.Conformance).AddRange(ConformanceSuite.Files(Path.Combine(RepositoryPaths.TestData, "conformance")));
        var compared = 0;
        foreach (var file in files)
        {
            var test = ConformanceTestParser.Parse(Path.GetFileName(file), File.ReadAllText(file));
            if (test.Assembly is null || !Assembler.TryAssemble(test.Assembly, out var slots, out _)
                || !ProgramDecoder.TryDecode(slots.AsSpan(), out var program, out _))
            {
                continue;
            }

            // The budget stands in for the verifier's proof that the program ends; the unchecked run has none.
            var reference = RunConformance(program!, test, ExecutionOptions.Default with { InstructionBudget = ConformanceRunner.DefaultBudget });
            if (reference.Fault is { } fault && (Engines.IsCheckedOnly(fault.Code) || fault.Code == Core.Diagnostics.DiagnosticCode.InstructionBudgetExceeded))
            {
                continue;
            }

            var fast = RunConformance(program!, test, Unchecked);
            Assert.True(reference == fast, $"{test.Name}: {reference} checked, {fast} unchecked");
            compared++;
        }

        Assert.True(compared >= 300, $"only {compared} programs compared");
    }

    [Theory]
    [InlineData(0UL, 12UL, 4L)]
    [InlineData(1UL, 6UL, 5L)]
    public void A_jump_into_a_fused_pair_runs_its_second_instruction_alone(ulong r1, ulong expected, long count)
    {
        // Slots 2 and 3 (mov, then add) run as one fused operation, unless the jump enters at 3.
        const string program = """
            mov %r0, 7
            jeq %r1, 0, second
            mov %r0, %r1
            second:
            add %r0, 5
            exit
            """;
        foreach (var options in new[] { ExecutionOptions.Default, Unchecked })
        {
            var result = new Interpreter(ProgramRunner.Decode(program), HelperTable.Empty, options).Run(ExecutionRequest.WithArguments(r1));
            Assert.Equal(new ExecutionResult(expected, null, count), result);
        }
    }

    [Fact]
    public void Loops_local_calls_and_lddw_count_each_instruction_once_unchecked()
    {
        // A loop of 10 trips calling a function; lddw is one instruction in two slots.
        const string program = """
            lddw %r6, 0x100000000
            mov %r7, 0
            loop:
            mov %r1, %r7
            call local f
            add %r6, %r0
            add %r7, 1
            jlt %r7, 10, loop
            mov %r0, %r6
            exit
            f:
            mov %r0, %r1
            mul %r0, 3
            exit
            """;
        var decoded = ProgramRunner.Decode(program);
        var reference = new Interpreter(decoded, HelperTable.Empty).Run(ExecutionRequest.WithArguments());
        var fast = new Interpreter(decoded, HelperTable.Empty, Unchecked).Run(ExecutionRequest.WithArguments());
        Assert.Equal(new ExecutionResult(0x100000000UL + 135, null, 2 + (10 * 8) + 2), reference);
        Assert.Equal(reference, fast);
    }

    private static ExecutionResult RunConformance(DecodedProgram program, ConformanceTest test, ExecutionOptions options)
    {
        using var buffer = new NativeBuffer(test.Memory.AsSpan());
        var request = test.Memory.IsEmpty ? ExecutionRequest.WithArguments(0, 0) : ExecutionRequest.ForMemory(buffer.AsRegion("mem"));
        return new Interpreter(program, ConformanceRunner.Helpers, options).Run(request);
    }

    private static (ExecutionResult Result, byte[] Memory, byte[] Map, string Listing) RunRandom(ExecutionOptions options, int programSeed, int length, byte[] memory, bool bound)
    {
        using var map = BpfMap.Create(new Core.Specs.MapSpec("values", MapType.Array, 4, 8, RandomPrograms.MapEntries, Core.Specs.MapFlags.None), new MapOptions(1));
        var code = new RandomPrograms(new Random(programSeed)).Generate(length, map.Handle);
        Assert.True(ProgramDecoder.TryDecode(code.ToArray(), out var program, out var diagnostics), string.Join("\n", diagnostics));
        using var buffer = new NativeBuffer(memory);
        var request = ExecutionRequest.ForMemory(buffer.AsRegion("mem"));
        request = request with { Regions = request.Regions.AddRange(map.Regions) };
        var interpreter = new Interpreter(program!, LinuxHelpers.Table, options);
        var result = bound ? interpreter.Bind(request).Run() : interpreter.Run(request);
        return (result, buffer.Span.ToArray(), RandomPrograms.MapValues(map), string.Join("\n", Disassembler.FormatProgram(program!)));
    }
}
