using Ebpf.Core.Diagnostics;

namespace Ebpf.Service.Contracts;

/// <summary>A <see cref="Diagnostic"/> on the wire.</summary>
/// <param name="Id">The code as users see it (<c>EBPF7002</c>).</param>
/// <param name="Code">The numeric code.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="File">The input file, if any.</param>
/// <param name="Section">The ELF section, if any.</param>
/// <param name="Program">The program, if any.</param>
/// <param name="Instruction">The instruction index, if any.</param>
public sealed record DiagnosticBody(string Id, int Code, string Message, string? File = null, string? Section = null, string? Program = null, int? Instruction = null)
{
    /// <summary>The wire form of <paramref name="diagnostic"/>.</summary>
    public static DiagnosticBody From(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var at = diagnostic.Location;
        var where = at.Source is null ? null : at.Source.ToString();
        var message = where is null ? diagnostic.Message : $"{diagnostic.Message} ({where})";
        return new(diagnostic.Id, (int)diagnostic.Code, message, at.File, at.Section, at.Program, at.InstructionIndex);
    }

    /// <summary>The diagnostic this body carries.</summary>
    public Diagnostic ToDiagnostic() =>
        new((DiagnosticCode)Code, Message, new DiagnosticLocation(File: File, Section: Section, Program: Program, InstructionIndex: Instruction));
}
