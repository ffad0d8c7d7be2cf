using System.Globalization;
using System.Text;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Maps;

namespace Ebpf.Cli.Reference;

/// <summary>docs/reference/map-types.md: every map type of <see cref="AbiTable.Linux"/> and whether live maps of it can be created here.</summary>
internal static class MapTypeReference
{
    public static string Generate(AbiTable table)
    {
        var text = new StringBuilder();
        text.AppendLine(Markdown.GeneratedBanner).AppendLine();
        text.AppendLine("# Map types").AppendLine();
        text.AppendLine("Every Linux map type (`AbiTable.Linux`) and whether the runtime creates live maps of it (`BpfMap.Create`);");
        text.AppendLine("objects with maps of other types are refused at load with `EBPF3203`. Maps follow Linux's semantics (flags,");
        text.AppendLine("errno values, capacity, iteration order); where and how they differ is in [docs/maps.md](../maps.md).").AppendLine();
        Markdown.Table(text, ["type", "Linux", "number", "here"], table.MapTypes.Select(type => new[]
        {
            Markdown.Code(type.Name),
            Enum.IsDefined((MapType)type.Id) ? Markdown.Code("BPF_MAP_TYPE_" + Markdown.UpperSnake(((MapType)type.Id).ToString())) : "",
            type.Id.ToString(CultureInfo.InvariantCulture),
            IsSupported((MapType)type.Id) ? "yes" : "no",
        }));
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>
    /// Asks the runtime itself: a definition of the type is created or refused, and only a type the runtime does not
    /// implement is refused with <see cref="DiagnosticCode.UnsupportedMapType"/> whatever its sizes.
    /// </summary>
    private static bool IsSupported(MapType type)
    {
        try
        {
            using var map = BpfMap.Create(new MapSpec("probe", type, 4, 8, 1, MapFlags.None));
            return true;
        }
        catch (DiagnosticException refused)
        {
            return refused.Diagnostics.All(d => d.Code != DiagnosticCode.UnsupportedMapType);
        }
    }
}
