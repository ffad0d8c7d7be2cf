using System.CommandLine;
using Ebpf.Service.Contracts;

namespace Ebpf.Cli.Commands.Service;

/// <summary><c>ebpf map show|dump|lookup|update|delete|getnext|pin|create</c>, as bpftool spells them, through the service.</summary>
internal static class MapServiceCommands
{
    private static readonly string[] UpdateFlags = ["any", "noexist", "exist"];

    public static Command Create() => new("map", "Show, read and change maps in the service ebpfd.")
    {
        ServiceConnection.Create("show", "Show maps (all, or one).", "map show [id ID | pinned PATH]", Show),
        ServiceConnection.Create("dump", "Print every element of a map.", $"map dump {Grammar.Object}", Dump),
        ServiceConnection.Create("lookup", "Print the value at a key.", $"map lookup {Grammar.Object} key BYTES", call =>
        {
            var id = call.Words.TakeMap(call.Host);
            var key = Key(call);
            call.Words.End();
            var value = call.Host.LookupAsync(id, key).GetAwaiter().GetResult();
            return call.Write(Print.JsonEntry(key, value), [(key, value)], (output, e) => Print.Entry(output, e.key, e.value));
        }),
        ServiceConnection.Create("update", "Write a value at a key.", $"map update {Grammar.Object} key BYTES value BYTES [any | noexist | exist]", call =>
        {
            var id = call.Words.TakeMap(call.Host);
            var key = Key(call, "value");
            if (!call.Words.TakeIf("value"))
            {
                throw call.Words.Usage("expected value");
            }

            var value = call.Words.TakeBytes("value", UpdateFlags);
            var flag = call.Words.AtEnd ? "any" : call.Words.Take("a flag");
            var flags = Array.IndexOf(UpdateFlags, flag) is var index and >= 0 ? (ulong)index : throw call.Words.Usage($"'{flag}' is not a flag (any, noexist or exist)");
            call.Words.End();
            call.Host.UpdateAsync(id, new MapUpdateRequest(key, value, flags)).GetAwaiter().GetResult();
            return EbpfCommand.Success;
        }),
        ServiceConnection.Create("delete", "Delete a key.", $"map delete {Grammar.Object} key BYTES", call =>
        {
            var id = call.Words.TakeMap(call.Host);
            var key = Key(call);
            call.Words.End();
            call.Host.DeleteAsync(id, key).GetAwaiter().GetResult();
            return EbpfCommand.Success;
        }),
        ServiceConnection.Create("getnext", "Print the key after a key (the first without one).", $"map getnext {Grammar.Object} [key BYTES]", GetNext),
        ServiceConnection.Create("pin", "Pin a map at a path.", $"map pin {Grammar.Object} PATH", call =>
        {
            var id = call.Words.TakeMap(call.Host);
            var path = call.Words.Take("PATH");
            call.Words.End();
            call.Host.PinAsync(new PinRequest(path, PinInfo.MapKind, id)).GetAwaiter().GetResult();
            return EbpfCommand.Success;
        }),
        ServiceConnection.Create("create", "Create a map and pin it.", "map create PATH type TYPE key KEY_SIZE value VALUE_SIZE entries MAX_ENTRIES name NAME [flags FLAGS]", Create),
    };

    public static int Show(ServiceConnection.Call call)
    {
        MapInfo[] maps = call.Words.AtEnd ? call.Host.MapsAsync().GetAwaiter().GetResult() : [call.Host.MapAsync(call.Words.TakeMap(call.Host)).GetAwaiter().GetResult()];
        call.Words.End();
        return call.Write(maps, Print.Map);
    }

    private static int Dump(ServiceConnection.Call call)
    {
        var id = call.Words.TakeMap(call.Host);
        call.Words.End();
        var entries = call.Host.DumpAsync(id).GetAwaiter().GetResult();
        call.Write(entries.Select(e => Print.JsonEntry(e.Key, e.Value)), entries, (output, e) => Print.Entry(output, e.Key, e.Value));
        if (call.Json)
        {
            return EbpfCommand.Success;
        }

        call.Output.WriteLine($"Found {entries.Length} element{(entries.Length == 1 ? "" : "s")}");
        return EbpfCommand.Success;
    }

    private static int GetNext(ServiceConnection.Call call)
    {
        var id = call.Words.TakeMap(call.Host);
        var key = call.Words.AtEnd ? null : Key(call);
        call.Words.End();
        var next = call.Host.NextKeyAsync(id, key).GetAwaiter().GetResult();
        if (call.Json)
        {
            Output.WriteJson(call.Output, new { Key = key is null ? null : Print.JsonHex(key), NextKey = next is null ? null : Print.JsonHex(next) });
        }
        else
        {
            call.Output.WriteLine(key is null ? "key: (none)" : $"key: {Print.Hex(key)}");
            call.Output.WriteLine(next is null ? "next key: (none, the last)" : $"next key: {Print.Hex(next)}");
        }

        return EbpfCommand.Success;
    }

    private static int Create(ServiceConnection.Call call)
    {
        var path = call.Words.Take("PATH");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!call.Words.AtEnd)
        {
            var keyword = call.Words.Take("a keyword");
            fields[keyword is "key" or "value" or "entries" or "type" or "name" or "flags" ? keyword : throw call.Words.Usage($"unknown keyword '{keyword}'")] = call.Words.Take(keyword);
        }

        uint Number(string field) => fields.TryGetValue(field, out var text) && Words.ParseNumber(text, out var value) && value <= uint.MaxValue
            ? (uint)value : field == "flags" && !fields.ContainsKey(field) ? 0u : throw call.Words.Usage($"'{field}' needs a number");
        var request = new CreateMapRequest(fields.GetValueOrDefault("name") ?? Path.GetFileName(path), fields.GetValueOrDefault("type") ?? throw call.Words.Usage("type is required"),
            Number("key"), Number("value"), Number("entries"), Number("flags"));
        var map = call.Host.CreateMapAsync(request).GetAwaiter().GetResult();
        call.Host.PinAsync(new PinRequest(path, PinInfo.MapKind, map.Id)).GetAwaiter().GetResult();
        if (call.Json)
        {
            Output.WriteJson(call.Output, map with { Pins = [path] });
        }

        return EbpfCommand.Success;
    }

    private static byte[] Key(ServiceConnection.Call call, params string[] stops) =>
        call.Words.TakeIf("key") ? call.Words.TakeBytes("key", stops) : throw call.Words.Usage("expected key");
}
