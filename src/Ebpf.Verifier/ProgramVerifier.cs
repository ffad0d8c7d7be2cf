using System.Collections.Immutable;
using System.Diagnostics;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Verifier.Analysis;

namespace Ebpf.Verifier;

/// <summary>Decides, before a program may run, whether it is safe on every path.</summary>
public static class ProgramVerifier
{
    /// <summary>
    /// Verifies <paramref name="program"/>, whose map references (<c>lddw</c> map-by-index and map-value-by-index)
    /// index <paramref name="maps"/>.
    /// </summary>
    /// <param name="program">The linked and relocated program.</param>
    /// <param name="maps">The maps of its object, in the order its map references index them.</param>
    /// <param name="options">The platform and what to record; <see cref="VerifierOptions.Default"/> when null.</param>
    /// <returns>Accepted, or the diagnostics that explain the rejection.</returns>
    public static VerificationResult Verify(ProgramSpec program, IReadOnlyList<MapSpec> maps, VerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(maps);
        options ??= VerifierOptions.Default;

        var clock = Stopwatch.StartNew();
        if (!ProgramDecoder.TryDecode(program.Instructions.AsSpan(), out var decoded, out var problems))
        {
            return new VerificationResult(program.Name, [.. problems.Select(p => Locate(program, p))], [],
                new VerificationStatistics(program.Instructions.Length, 0, 0, clock.Elapsed));
        }

        var run = new VerifierRun(program, decoded!, [.. maps], options);
        run.Execute();
        var diagnostics = run.Problems
            .OrderBy(p => p.Instruction).ThenBy(p => p.Code)
            .Select(p => Locate(program, new Diagnostic(p.Code, p.Message, DiagnosticLocation.AtInstruction(p.Instruction))))
            .ToImmutableArray();
        return new VerificationResult(program.Name, diagnostics, run.States,
            new VerificationStatistics(decoded!.Count, run.BasicBlocks, run.Iterations, clock.Elapsed));
    }

    /// <summary>Adds the program, its section and the instruction's source line to a diagnostic's location.</summary>
    private static Diagnostic Locate(ProgramSpec program, Diagnostic diagnostic)
    {
        // BTF line info records where a line starts; the instructions after it, up to the next record, are that line's too.
        SourceLine? source = null;
        for (var i = diagnostic.Location.InstructionIndex ?? -1; source is null && !program.Lines.IsDefault && i >= 0 && i < program.Lines.Length; i--)
        {
            source = program.Lines[i] is { Line: > 0 } line ? line : null;
        }

        return diagnostic with
        {
            Location = diagnostic.Location with { Section = program.SectionName, Program = program.Name, Source = source },
        };
    }
}
