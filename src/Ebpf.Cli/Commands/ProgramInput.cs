using System.Text;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;

namespace Ebpf.Cli.Commands;

/// <summary>Reads a program from a file: raw bytecode (<c>.bin</c>) or assembly text in the conformance syntax (anything else).</summary>
internal static class ProgramInput
{
    public static DecodedProgram Load(string path)
    {
        var bytes = CommandAction.ReadFile(path);
        if (bytes.AsSpan().StartsWith("\x7f"u8 + "ELF"u8))
        {
            throw CommandAction.Refuse(DiagnosticCode.InputFormat, path, "ELF objects are not supported by this command yet; give raw bytecode (.bin) or assembly text");
        }

        var code = IsRaw(path) ? bytes : Assemble(path, Encoding.UTF8.GetString(bytes));
        return Decode(path, code);
    }

    public static bool IsRaw(string path) => Path.GetExtension(path).Equals(".bin", StringComparison.OrdinalIgnoreCase);

    public static byte[] Assemble(string path, string text)
    {
        if (!Assembler.TryAssemble(text, out var slots, out var errors))
        {
            throw new DiagnosticException([.. errors.Select(e => e with { Location = e.Location with { File = path } })]);
        }

        return Instruction.ToBytes(slots.AsSpan());
    }

    public static DecodedProgram Decode(string path, byte[] code)
    {
        if (!ProgramDecoder.TryDecode(code, out var program, out var diagnostics))
        {
            throw new DiagnosticException([.. diagnostics.Select(d => d with { Location = d.Location with { File = path } })]);
        }

        return program!;
    }
}
