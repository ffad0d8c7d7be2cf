using System.Globalization;
using Ebpf.Service.Contracts;

namespace Ebpf.Cli.Commands.Service;

/// <summary>Service objects printed as bpftool prints kernel ones (plain text), or as JSON with bytes as <c>"0x11"</c> strings like <c>bpftool -j</c>.</summary>
internal static class Print
{
    public static void Program(TextWriter output, ProgramInfo p)
    {
        output.WriteLine($"{p.Id}: {p.Type}  name {p.Name}  {(p.Verified ? "verified" : "unverified")}");
        output.WriteLine($"\tobject {p.Object}  section {p.Section}  xlated {p.Instructions * 8}B  map_ids {string.Join(',', p.MapIds)}");
        foreach (var pin in p.Pins)
        {
            output.WriteLine($"\tpinned {pin}");
        }
    }

    public static void Map(TextWriter output, MapInfo m)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Id}: {m.Type}  name {m.Name}  flags 0x{m.Flags:x}"));
        output.WriteLine($"\tkey {m.KeySize}B  value {m.ValueSize}B  max_entries {m.MaxEntries}");
        foreach (var pin in m.Pins)
        {
            output.WriteLine($"\tpinned {pin}");
        }
    }

    public static void Link(TextWriter output, LinkInfo l)
    {
        if (l.Calls is { } calls)
        {
            // An exec link: programs on a command's process tree rather than on an interface.
            output.WriteLine($"{l.Id}: {l.Type}  prog {string.Join(',', l.ProgramIds ?? [l.ProgramId])}  pid {l.ProcessId}{(l.Command is null ? "" : $"  command {l.Command}")}");
            output.WriteLine($"\tallowed {calls.Allowed}  redirected {calls.Redirected}  denied {calls.Denied}  unhooked {calls.Unhooked}  passed {calls.PassedThrough}  faults {calls.Faults}");
            return;
        }

        output.WriteLine($"{l.Id}: {l.Type}  prog {l.ProgramId}  dev {l.Interface}{(l.Peer is null ? "" : l.Detached is null ? $"  peer ifindex {l.Peer}" : $"  peer {l.Peer}")}{(l.Detached is null ? "" : "  detached")}");
        output.WriteLine(l.Detached is { } reason
            ? $"\t{reason.Id}: {reason.Message}"
            : $"\tpassed {l.Passed}  dropped {l.Dropped}  transmitted {l.Transmitted}  aborted {l.Aborted}");
    }

    public static void Entry(TextWriter output, byte[] key, byte[] value) => output.WriteLine($"key: {Hex(key)}  value: {Hex(value)}");

    public static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    public static string[] JsonHex(byte[] bytes) => [.. bytes.Select(b => "0x" + b.ToString("x2", CultureInfo.InvariantCulture))];

    public static object JsonEntry(byte[] key, byte[] value) => new { Key = JsonHex(key), Value = JsonHex(value) };
}
