using System.Globalization;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Elf.Btf;

namespace Ebpf.Api.Hosting;

/// <summary>A program's instructions as <c>bpftool prog dump xlated</c> prints them: function signatures, source lines, map names.</summary>
internal static class XlatedText
{
    public static string[] Lines(ObjectSpec spec, ProgramSpec program)
    {
        if (!ProgramDecoder.TryDecode(program.Instructions.AsSpan(), out var decoded, out var diagnostics))
        {
            throw new Core.Diagnostics.DiagnosticException(diagnostics);
        }

        string? MapName(int index) => index >= 0 && index < spec.Maps.Length ? spec.Maps[index].Name : null;
        var starts = program.Functions.ToDictionary(f => f.Start, f => f.Name);
        var lines = new List<string>();
        for (var i = 0; i < decoded!.Count; i++)
        {
            if (decoded.FormAt(i) is not { } form)
            {
                continue;
            }

            if (starts.TryGetValue(i, out var function))
            {
                lines.Add($"{Signature(spec, function)}:");
            }

            if (program.Lines[i] is { } line)
            {
                lines.Add($"; {line.Text.Trim()}");
            }

            var text = Disassembler.Format(decoded.Slots[i], form, form.Operation == Operation.LoadImm64 ? decoded.Immediate64At(i) : null, MapName);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{i,4}: ({form.Opcode:x2}) {text}"));
        }

        return [.. lines];
    }

    private static string Signature(ObjectSpec spec, string function) =>
        spec.Btf?.FindByName(function, BtfKind.Function) is { } type ? spec.Btf.FormatType(type.Id) : function;
}
