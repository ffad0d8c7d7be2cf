using Ebpf.Core.Abi;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Maps;
using Ebpf.Runtime.Memory;
using Ebpf.Runtime.Native.Generation;
using Ebpf.Runtime.Tests.Compilation;
using Xunit.Abstractions;

namespace Ebpf.Runtime.Tests.Native;

/// <summary>
/// The JIT's random programs (safe by construction: loads, stores, atomics, all arithmetic and jump forms, map helper
/// calls), generated as C# in one object, compiled once and run unchecked: result, memory and map equal the checked
/// interpreter's, plainly and bound.
/// </summary>
public sealed class NativeDifferentialTests(ITestOutputHelper output)
{
    private const int Programs = 120;

    [Fact]
    public void Random_programs_agree_with_the_interpreter_on_result_memory_and_maps()
    {
        var seed = RandomPrograms.Seed(output);
        var random = new Random(seed);
        using var map = BpfMap.Create(new MapSpec("values", MapType.Array, 4, 8, RandomPrograms.MapEntries, MapFlags.None), new MapOptions(1));
        var cases = new List<(DecodedProgram Program, byte[] Memory)>();
        for (var i = 0; i < Programs; i++)
        {
            var memory = new byte[RandomPrograms.MemorySize];
            random.NextBytes(memory);
            var code = new RandomPrograms(new Random(random.Next())).Generate(random.Next(1, 60), map.Handle);
            Assert.True(ProgramDecoder.TryDecode(code.ToArray(), out var program, out var diagnostics), string.Join("\n", diagnostics));
            cases.Add((program!, memory));
        }

        var specs = cases.Select((c, i) => new ProgramSpec($"random{i}", "random", ProgramType.Unspecified, null, null, c.Program.Slots, [], [.. new SourceLine?[c.Program.Count]]));
        var native = GeneratedCode.Load(new ObjectSpec("random", "", null, [.. specs], [], []), new NativeWriterOptions("Ebpf.Tests.Generated", "RandomPrograms"));
        for (var i = 0; i < cases.Count; i++)
        {
            var (program, memory) = cases[i];
            var interpreter = Engines.Prepare(EngineKind.Interpreter, program, LinuxHelpers.Table, ExecutionOptions.Default);
            var reference = Run(interpreter, map, memory, bound: false);
            Assert.True(reference.Result.Succeeded, $"seed {seed}, program {i}: the generator made an unsafe program: {reference.Result.Fault}");
            var compiled = native.FindProgram($"random{i}")!.Prepare(program, LinuxHelpers.Table, ExecutionOptions.Default with { Checked = false, Verified = true });
            var ours = Run(compiled, map, memory, bound: i % 2 == 1);
            var listing = string.Join("\n", Core.Isa.Text.Disassembler.FormatProgram(program));
            Assert.True(ours.Result.Succeeded, $"seed {seed}, program {i}: {ours.Result.Fault}");
            Assert.True(reference.Result.ReturnValue == ours.Result.ReturnValue, $"seed {seed}, program {i}: r0 0x{reference.Result.ReturnValue:x} vs 0x{ours.Result.ReturnValue:x}\n{listing}");
            Assert.True(reference.Memory.SequenceEqual(ours.Memory), $"seed {seed}, program {i}: memory differs\n{listing}");
            Assert.True(reference.Map.SequenceEqual(ours.Map), $"seed {seed}, program {i}: map differs\n{listing}");
        }
    }

    /// <summary>Runs on a copy of <paramref name="memory"/> with the map zeroed first; returns what the run left.</summary>
    private static (ExecutionResult Result, byte[] Memory, byte[] Map) Run(IExecutable executable, BpfMap map, byte[] memory, bool bound)
    {
        for (uint key = 0; key < RandomPrograms.MapEntries; key++)
        {
            Assert.Equal(MapError.None, map.Update(BitConverter.GetBytes(key), new byte[8]));
        }

        using var buffer = new NativeBuffer(memory);
        var request = ExecutionRequest.ForMemory(buffer.AsRegion("mem"));
        request = request with { Regions = request.Regions.AddRange(map.Regions) };
        var result = bound ? executable.Bind(request).Run() : executable.Run(request);
        return (result, buffer.Span.ToArray(), RandomPrograms.MapValues(map));
    }
}
