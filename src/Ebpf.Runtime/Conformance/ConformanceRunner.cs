using Ebpf.Core.Conformance;
using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Conformance;

/// <summary>
/// Runs bpf_conformance tests on an engine: r1 points to the <c>-- mem</c> bytes and r2 holds their
/// length; the result is all 64 bits of r0. Programs run in checked mode, since nothing verified them.
/// </summary>
/// <remarks>
/// Unchecked engines (the JIT) must not run unsafe programs, and nothing verifies the suite's programs, so for
/// them the checked interpreter runs each program first, standing in for the verifier: when it stops the
/// program with a fault only checked mode detects (<see cref="Engines.IsCheckedOnly"/>), the test is
/// <see cref="ConformanceVerdict.Skipped"/> on that engine, saying why.
/// </remarks>
public sealed class ConformanceRunner
{
    /// <summary>Instructions a test may execute before it is stopped: far above what any suite test needs.</summary>
    public const long DefaultBudget = 1_000_000;

    private readonly EngineKind _engine;
    private readonly ExecutionOptions _options;

    /// <summary>Creates a runner for <paramref name="engine"/>.</summary>
    public ConformanceRunner(EngineKind engine, long instructionBudget = DefaultBudget)
    {
        _engine = engine;
        _options = new ExecutionOptions(Checked: true, InstructionBudget: instructionBudget);
        _options.Validate();
    }

    /// <summary>
    /// The helpers the suite calls: number 5 returns its argument and, when that is zero, ends the
    /// program with r0 = 0 (the "unwind" helper of the reference harness).
    /// </summary>
    public static HelperTable Helpers { get; } = HelperTable.Empty.With(5, "unwind", static (context, r1, _, _, _, _) =>
    {
        if (r1 == 0)
        {
            context.RequestExit();
        }

        return r1;
    });

    /// <summary>Runs one test. <paramref name="expectFailure"/> turns the verdict round, as for the suite's negative folder.</summary>
    public ConformanceOutcome Run(ConformanceTest test, bool expectFailure = false)
    {
        ArgumentNullException.ThrowIfNull(test);
        var refusalExpected = expectFailure || test.ExpectsRefusal;
        ConformanceOutcome Refused(Diagnostic reason) =>
            new(test.Name, ConformanceVerdict.Refused, refusalExpected && IsExpectedReason(test.ExpectedError, reason), test.ExpectedResult, null, reason.ToString());

        if (test.Problems.Length > 0)
        {
            return Refused(test.Problems[0]);
        }

        if (!TryBuild(test, out var program, out var problem))
        {
            return Refused(problem!);
        }

        if (!Engines.Checks(_engine)
            && Execute(EngineKind.Interpreter, program!, test.Memory.AsSpan()).Fault is { } unsafeRun && Engines.IsCheckedOnly(unsafeRun.Code))
        {
            var reason = $"the {_engine.ToString().ToLowerInvariant()} engine runs only programs proven safe, and the checked interpreter stopped this one: {unsafeRun}";
            return new ConformanceOutcome(test.Name, ConformanceVerdict.Skipped, false, test.ExpectedResult, null, reason);
        }

        var result = Execute(_engine, program!, test.Memory.AsSpan());
        if (result.Fault is { } fault)
        {
            var diagnostic = fault.ToDiagnostic();
            return Refused(diagnostic with { Location = diagnostic.Location with { File = test.Name } });
        }

        var verdict = test.ExpectedResult is not { } expected ? ConformanceVerdict.RanWithoutExpectation
            : expected == result.ReturnValue ? ConformanceVerdict.Matched : ConformanceVerdict.Mismatched;
        var passed = refusalExpected ? verdict != ConformanceVerdict.Matched && verdict != ConformanceVerdict.RanWithoutExpectation
            : verdict == ConformanceVerdict.Matched;
        return new ConformanceOutcome(test.Name, verdict, passed, test.ExpectedResult, result.ReturnValue, null);
    }

    /// <summary>An <c>-- error</c> section that names one of our codes (<c>EBPF3001</c>) demands that code; other text accepts any refusal.</summary>
    private static bool IsExpectedReason(string? expectedError, Diagnostic reason)
    {
        var code = expectedError?.Trim() ?? "";
        return !(code.Length == 8 && code.StartsWith("EBPF", StringComparison.Ordinal) && code[4..].All(char.IsAsciiDigit))
            || code == reason.Id;
    }

    private static bool TryBuild(ConformanceTest test, out DecodedProgram? program, out Diagnostic? problem)
    {
        program = null;
        problem = null;
        ImmutableArray<Instruction> slots = [];
        if (test.Assembly is not null)
        {
            if (!Assembler.TryAssemble(test.Assembly, out slots, out var errors))
            {
                var first = errors[0];
                problem = first with { Location = first.Location with { File = test.Name, Line = first.Location.Line + test.AssemblyFirstLine - 1 } };
                return false;
            }
        }

        var bytes = Instruction.ToBytes(slots.AsSpan());
        if (test.Raw is { } raw)
        {
            if (test.Assembly is not null && !raw.AsSpan().SequenceEqual(bytes))
            {
                problem = new Diagnostic(DiagnosticCode.RawMismatch, "the '-- asm' and '-- raw' sections encode different programs", new DiagnosticLocation(File: test.Name));
                return false;
            }

            bytes = [.. raw];
        }

        if (!ProgramDecoder.TryDecode(bytes, out program, out var diagnostics))
        {
            problem = diagnostics[0] with { Location = diagnostics[0].Location with { File = test.Name } };
            return false;
        }

        return true;
    }

    private ExecutionResult Execute(EngineKind engine, DecodedProgram program, ReadOnlySpan<byte> memory)
    {
        var executable = Engines.Prepare(engine, program, Helpers, _options);
        if (memory.IsEmpty)
        {
            return executable.Run(ExecutionRequest.WithArguments(0, 0));
        }

        using var buffer = new NativeBuffer(memory);
        return executable.Run(ExecutionRequest.ForMemory(buffer.AsRegion("mem")));
    }
}
