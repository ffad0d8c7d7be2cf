using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Conformance;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Runtime.Conformance;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;
using Ebpf.Runtime.Native;
using Ebpf.Runtime.Native.Generation;
using Ebpf.Testing;
using Xunit.Abstractions;

namespace Ebpf.Runtime.Tests.Native;

/// <summary>
/// Every program of the bpf_conformance suite (positive and negative) and of our own conformance corpus, generated as
/// C#, compiled with Roslyn and run: r0, the fault and the memory afterwards equal the interpreter's. Programs the
/// checked interpreter stops with a fault only it detects are unsafe to run unchecked and are left out, as the JIT's
/// conformance runs leave them out; so are endless loops (generated code counts no budget: verified code terminates).
/// </summary>
public sealed class NativeConformanceTests(ITestOutputHelper output)
{
    private static readonly Lazy<Suite> Compiled = new(Build);

    private static readonly ExecutionOptions InterpreterOptions = new(Checked: true, InstructionBudget: ConformanceRunner.DefaultBudget);

    [Fact]
    public void Every_conformance_program_gives_the_interpreters_result_fault_and_memory()
    {
        var suite = Compiled.Value;
        var mismatches = new List<string>();
        var compared = 0;
        foreach (var test in suite.Cases.Where(c => c.Program is not null))
        {
            var interpreter = Run(Engines.Prepare(EngineKind.Interpreter, test.Program!, ConformanceRunner.Helpers, InterpreterOptions), test.Test.Memory, out var expectedMemory);
            if (Unsafe(interpreter) is not null)
            {
                continue;
            }

            var native = suite.Native.FindProgram(test.Name)!.Prepare(test.Program!, ConformanceRunner.Helpers, new ExecutionOptions(Checked: true));
            Assert.Equal(EngineKind.Native, native.Engine);
            var ours = Run(native, test.Test.Memory, out var memory);
            compared++;
            if (ours.ReturnValue != interpreter.ReturnValue || ours.Fault?.Code != interpreter.Fault?.Code
                || ours.Fault?.InstructionIndex != interpreter.Fault?.InstructionIndex || !memory.SequenceEqual(expectedMemory))
            {
                mismatches.Add($"{test.File}: native r0=0x{ours.ReturnValue:x} fault={ours.Fault}, interpreter r0=0x{interpreter.ReturnValue:x} fault={interpreter.Fault}");
            }
        }

        output.WriteLine($"{compared} programs compared with the interpreter");
        Assert.Empty(mismatches);
        Assert.True(compared >= 313, $"only {compared} programs compared");
    }

    [Fact]
    public void No_conformance_file_is_left_out_without_a_reason()
    {
        var suite = Compiled.Value;
        var files = Folders().Sum(f => ConformanceSuite.Files(f).Length);
        Assert.Equal(files, suite.Cases.Length);
        foreach (var test in suite.Cases)
        {
            if (test.Program is null)
            {
                // Not a program: the interpreter's runner refuses it the same way (the suite expects that refusal).
                Assert.False(new ConformanceRunner(EngineKind.Interpreter).Run(test.Test).Verdict is ConformanceVerdict.Matched or ConformanceVerdict.Mismatched, test.File);
                continue;
            }

            Assert.NotNull(suite.Native.FindProgram(test.Name));
            var interpreter = Run(Engines.Prepare(EngineKind.Interpreter, test.Program, ConformanceRunner.Helpers, InterpreterOptions), test.Test.Memory, out _);
            if (Unsafe(interpreter) is { } reason)
            {
                output.WriteLine($"left out {test.File}: {reason}");
            }
        }

        // Only our own corpus's deliberately unsafe and endless cases may be left out, never a public suite test.
        var leftOut = suite.Cases.Where(c => c.Program is not null && Unsafe(Run(Engines.Prepare(EngineKind.Interpreter, c.Program, ConformanceRunner.Helpers, InterpreterOptions), c.Test.Memory, out _)) is not null).ToList();
        Assert.True(leftOut.Count(c => c.File.StartsWith("conformance/", StringComparison.Ordinal) || c.File.StartsWith("negative/", StringComparison.Ordinal)) <= 1, string.Join(", ", leftOut.Select(c => c.File)));
    }

    /// <summary>Why a program must not run unchecked, judged from the checked interpreter's run; null when it may.</summary>
    private static string? Unsafe(ExecutionResult interpreter) => interpreter.Fault switch
    {
        { } fault when Engines.IsCheckedOnly(fault.Code) => $"the checked interpreter stopped it: {fault}",
        { Code: Core.Diagnostics.DiagnosticCode.InstructionBudgetExceeded } fault => $"it does not terminate: {fault}",
        _ => null,
    };

    private static ExecutionResult Run(IExecutable executable, ImmutableArray<byte> memory, out byte[] after)
    {
        if (memory.IsDefaultOrEmpty)
        {
            after = [];
            return executable.Run(ExecutionRequest.WithArguments(0, 0));
        }

        using var buffer = new NativeBuffer(memory.AsSpan());
        var result = executable.Run(ExecutionRequest.ForMemory(buffer.AsRegion("mem")));
        after = buffer.Span.ToArray();
        return result;
    }

    private static string[] Folders() =>
        [RepositoryPaths.Conformance, Path.Combine(RepositoryPaths.Conformance, "negative"), Path.Combine(RepositoryPaths.TestData, "conformance")];

    /// <summary>Every file parsed and built; one object of all programs, generated and compiled once.</summary>
    private static Suite Build()
    {
        var cases = new List<Case>();
        foreach (var folder in Folders())
        {
            var label = folder.StartsWith(RepositoryPaths.TestData, StringComparison.Ordinal) ? "testdata/" : folder.EndsWith("negative", StringComparison.Ordinal) ? "negative/" : "conformance/";
            foreach (var file in ConformanceSuite.Files(folder))
            {
                var test = ConformanceTestParser.Parse(Path.GetFileName(file), File.ReadAllText(file));
                cases.Add(new Case($"t{cases.Count}", label + Path.GetFileName(file), test, TryBuild(test)));
            }
        }

        var programs = cases.Where(c => c.Program is not null)
            .Select(c => new ProgramSpec(c.Name, "conformance", ProgramType.Unspecified, null, null, c.Program!.Slots, [], [.. new SourceLine?[c.Program.Count]]))
            .ToImmutableArray();
        var spec = new ObjectSpec("conformance", "", null, programs, [], []);
        var native = GeneratedCode.Load(spec, new NativeWriterOptions("Ebpf.Tests.Generated", "ConformanceSuite") { ObjectSha256 = "none" });
        return new Suite([.. cases], native);
    }

    /// <summary>The program a test runs, as the conformance runner builds it; null when it has none (a test of the file format or assembler).</summary>
    private static DecodedProgram? TryBuild(ConformanceTest test)
    {
        if (test.Problems.Length > 0)
        {
            return null;
        }

        ImmutableArray<Instruction> slots = [];
        if (test.Assembly is not null && !Assembler.TryAssemble(test.Assembly, out slots, out _))
        {
            return null;
        }

        var bytes = test.Raw is { } raw ? [.. raw] : Instruction.ToBytes(slots.AsSpan());
        if (test.Raw is not null && test.Assembly is not null && !bytes.AsSpan().SequenceEqual(Instruction.ToBytes(slots.AsSpan())))
        {
            return null;
        }

        return ProgramDecoder.TryDecode(bytes, out var program, out _) ? program : null;
    }

    private sealed record Case(string Name, string File, ConformanceTest Test, DecodedProgram? Program);

    private sealed record Suite(ImmutableArray<Case> Cases, NativeObject Native);
}
