using System.Globalization;
using System.Text;
using Ebpf.Core.Abi;
using Ebpf.Runtime.Helpers;

namespace Ebpf.Cli.Reference;

/// <summary>docs/reference/helpers.md: every helper prototype of <see cref="AbiTable.Linux"/>, which program types may call it, and whether the runtime implements it.</summary>
internal static class HelperReference
{
    public static string Generate(AbiTable table, HelperTable implemented)
    {
        var text = new StringBuilder();
        text.AppendLine(Markdown.GeneratedBanner).AppendLine();
        text.AppendLine("# Helpers").AppendLine();
        text.AppendLine("Every helper prototype the verifier knows (`AbiTable.Linux`, after the kernel's `struct bpf_func_proto`), by Linux");
        text.AppendLine("number: its arguments (r1 to r5) and result, the program types that may call it, and whether the runtime");
        text.AppendLine("implements it (`Ebpf.Runtime.Helpers.Linux.LinuxHelpers`). A program that calls a helper its type may not call");
        text.AppendLine("is refused with `EBPF3301`; one that calls a helper not implemented here with `EBPF3302`. How each implemented");
        text.AppendLine("helper differs from the kernel's is in [docs/helpers.md](../helpers.md).").AppendLine();
        var count = table.Helpers.Count(h => implemented.Find(h.Id) is not null);
        text.AppendLine(CultureInfo.InvariantCulture, $"{count} of {table.Helpers.Length} helpers are implemented.").AppendLine();
        Markdown.Table(text, ["number", "helper", "arguments", "returns", "program types", "here"], table.Helpers.Select(helper => new[]
        {
            helper.Id.ToString(CultureInfo.InvariantCulture),
            Markdown.Code(helper.Name) + (helper.IsGplOnly ? " (GPL)" : ""),
            string.Join(", ", helper.Arguments.Select(a => a.ToString())),
            helper.Returns.ToString(),
            string.Join(" ", table.ProgramTypes.Where(t => t.CanCall(helper.Id)).Select(t => t.Name)),
            implemented.Find(helper.Id) is null ? "no" : "yes",
        }));
        return text.ToString().ReplaceLineEndings("\n");
    }
}
