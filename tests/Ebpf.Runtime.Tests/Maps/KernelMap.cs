using System.Diagnostics;
using System.Text.Json;
using Ebpf.Runtime.Maps;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Maps;

/// <summary>
/// A map in the running Linux kernel, driven through <c>bpftool -j</c>, pinned under /sys/fs/bpf while it
/// lives: the reference our maps' semantics are compared with.
/// </summary>
internal sealed class KernelMap : IDisposable
{
    private const string PinFolder = "/sys/fs/bpf";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    private static readonly Dictionary<string, MapError> Errors = new(StringComparer.Ordinal)
    {
        ["Operation not permitted"] = MapError.PermissionDenied,
        ["No such file or directory"] = MapError.NotFound,
        ["Argument list too long"] = MapError.TooBig,
        ["Resource temporarily unavailable"] = MapError.TryAgain,
        ["Cannot allocate memory"] = MapError.OutOfMemory,
        ["File exists"] = MapError.Exists,
        ["Invalid argument"] = MapError.InvalidArgument,
        ["No space left on device"] = MapError.NoSpace,
        ["Unknown error 524"] = MapError.NotSupported,
        ["Operation not supported"] = MapError.OperationNotSupported,
    };

    private KernelMap(string path) => Path = path;

    /// <summary>Why kernel maps cannot be used here, or null when they can.</summary>
    public static string? SkipReason => Unavailable.Value;

    public string Path { get; }

    /// <summary>Creates a map (<c>bpftool map create</c> arguments after the path: <c>type hash key 4 ...</c>), or returns why the kernel refused.</summary>
    public static MapError TryCreate(out KernelMap? map, params string[] definition)
    {
        var path = $"{PinFolder}/ebpfnet_test_{Guid.NewGuid():N}"[..44];
        var (error, _) = Run(["map", "create", path, .. definition, "name", "ebpfnet_test"]);
        map = error == MapError.None ? new KernelMap(path) : null;
        return error;
    }

    public static KernelMap Create(params string[] definition)
    {
        var error = TryCreate(out var map, definition);
        Assert.True(error == MapError.None, $"bpftool map create {string.Join(' ', definition)}: {error}");
        return map!;
    }

    public MapError Update(byte[] key, byte[] value, MapUpdateFlags flags = MapUpdateFlags.Any) =>
        Run(["map", "update", "pinned", Path, .. Bytes("key", key), .. Bytes("value", value), FlagWord(flags)]).Error;

    public MapError Push(byte[] value, MapUpdateFlags flags = MapUpdateFlags.Any) =>
        Run(["map", "update", "pinned", Path, .. Bytes("value", value), FlagWord(flags)]).Error;

    public MapError Delete(byte[] key) => Run(["map", "delete", "pinned", Path, .. Bytes("key", key)]).Error;

    public (MapError Error, byte[]? Value) Lookup(byte[] key) => Value(Run(["map", "lookup", "pinned", Path, .. Bytes("key", key)]), "value");

    public (MapError Error, byte[]? Value) Pop() => Value(Run(["map", "pop", "pinned", Path]), "value");

    public (MapError Error, byte[]? Value) Peek() => Value(Run(["map", "peek", "pinned", Path]), "value");

    public (MapError Error, byte[]? Key) GetNext(byte[]? key) =>
        Value(Run(["map", "getnext", "pinned", Path, .. key is null ? Array.Empty<string>() : Bytes("key", key)]), "next_key");

    /// <summary>Every key in the kernel's get-next-key order.</summary>
    public List<byte[]> Keys()
    {
        var keys = new List<byte[]>();
        for (var (error, key) = GetNext(null); error == MapError.None; (error, key) = GetNext(key))
        {
            keys.Add(key!);
        }

        return keys;
    }

    public void Dispose() => File.Delete(Path);

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "kernel maps need Linux";
        }

        if (!ExternalTool.IsAvailable("bpftool"))
        {
            return "needs bpftool on the PATH (apt-get install bpftool)";
        }

        if (!Directory.Exists(PinFolder))
        {
            return $"needs the BPF file system mounted at {PinFolder}";
        }

        var error = TryCreate(out var map, "type", "array", "key", "4", "value", "4", "entries", "1");
        map?.Dispose();
        return error == MapError.None ? null : $"bpftool cannot create maps here ({error}; needs root or CAP_BPF)";
    }

    private static string[] Bytes(string word, byte[] bytes) => [word, "hex", .. bytes.Select(b => b.ToString("x2", null))];

    private static string FlagWord(MapUpdateFlags flags) => flags switch
    {
        MapUpdateFlags.NoExist => "noexist",
        MapUpdateFlags.Exist => "exist",
        _ => "any",
    };

    private static (MapError Error, byte[]? Value) Value((MapError Error, JsonElement? Json) result, string property) =>
        result.Error != MapError.None || result.Json is not { ValueKind: JsonValueKind.Object } json || !json.TryGetProperty(property, out var bytes)
            ? (result.Error == MapError.None ? MapError.NotFound : result.Error, null)
            : (MapError.None, [.. bytes.EnumerateArray().Select(b => Convert.ToByte(b.GetString(), 16))]);

    private static (MapError Error, JsonElement? Json) Run(string[] arguments)
    {
        var start = new ProcessStartInfo("bpftool") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-j");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var text = output.Result.Trim();
        JsonElement? json = text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
        if (process.ExitCode == 0)
        {
            return (MapError.None, json);
        }

        var message = json is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("error", out var e) ? e.GetString()! : error;
        foreach (var (text2, code) in Errors)
        {
            if (message.EndsWith(text2, StringComparison.Ordinal))
            {
                return (code, json);
            }
        }

        // bpftool prints "null" without an error when a lookup, pop or peek finds nothing.
        return message.Trim().Length == 0 ? (MapError.NotFound, json) : throw new InvalidOperationException($"bpftool {string.Join(' ', arguments)}: {message}");
    }
}

/// <summary>A fact that compares with the kernel; skipped, with the reason, where kernel maps are not available.</summary>
internal sealed class KernelFactAttribute : FactAttribute
{
    public KernelFactAttribute()
    {
        if (KernelMap.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that compares with the kernel; skipped, with the reason, where kernel maps are not available.</summary>
internal sealed class KernelTheoryAttribute : TheoryAttribute
{
    public KernelTheoryAttribute()
    {
        if (KernelMap.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
