using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Ebpf.Cli.Commands;

/// <summary>How commands print: Spectre tables for people, indented JSON for <c>--json</c>.</summary>
internal static class Output
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A console that writes plain text to <paramref name="writer"/>, wide enough not to wrap tables.</summary>
    public static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return console;
    }

    public static void WriteJson<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Json));

    public static Table Table(string title, params string[] columns)
    {
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Rounded };
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        return table;
    }

    public static void AddCells(this Table table, params object?[] cells) =>
        table.AddRow([.. cells.Select(c => Markup.Escape(Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? ""))]);
}
