using System.Collections.Concurrent;
using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Objects;

/// <summary>
/// The in-process namespace of pinned objects, as the BPF filesystem (<c>/sys/fs/bpf</c>) is the kernel's:
/// a pinned map or program stays reachable by its path after the object that created it is disposed,
/// until it is unpinned. Thread-safe.
/// </summary>
public static class PinTable
{
    /// <summary>Where maps with <c>LIBBPF_PIN_BY_NAME</c> are pinned when no other folder is given, as libbpf.</summary>
    public const string DefaultRoot = "/sys/fs/bpf";

    private static readonly ConcurrentDictionary<string, object> Pins = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<object, byte> Orphans = new(ReferenceEqualityComparer.Instance);

    /// <summary>Every pinned path, sorted.</summary>
    public static IReadOnlyList<string> Paths => [.. Pins.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Pins <paramref name="target"/> (a map or a program) at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The path is not absolute or is already taken, as <c>EEXIST</c>.</exception>
    public static void Pin(string path, object target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!IsValidPath(path))
        {
            throw new ArgumentException($"'{path}' is not an absolute path without empty, '.' or '..' parts", nameof(path));
        }

        if (!Pins.TryAdd(path, target))
        {
            throw new ArgumentException($"'{path}' is already pinned", nameof(path));
        }
    }

    /// <summary>What is pinned at <paramref name="path"/>, if it is a <typeparamref name="T"/>.</summary>
    public static bool TryGet<T>(string path, out T? target) where T : class
    {
        target = Pins.TryGetValue(path, out var found) ? found as T : null;
        return target is not null;
    }

    /// <summary>Removes a pin; a map whose object was disposed meanwhile is freed with its last pin.</summary>
    public static bool Unpin(string path)
    {
        if (!Pins.TryRemove(path, out var target))
        {
            return false;
        }

        if (!IsPinned(target) && Orphans.TryRemove(target, out _) && target is IDisposable disposable)
        {
            disposable.Dispose();
        }

        return true;
    }

    /// <summary>True when <paramref name="target"/> is pinned anywhere.</summary>
    public static bool IsPinned(object target) => Pins.Values.Any(v => ReferenceEquals(v, target));

    /// <summary>
    /// Called by an owner that is going away: frees <paramref name="map"/> now unless it is pinned, in which
    /// case the last <see cref="Unpin"/> frees it.
    /// </summary>
    public static void Release(BpfMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (IsPinned(map))
        {
            Orphans.TryAdd(map, 0);
        }
        else
        {
            map.Dispose();
        }
    }

    private static bool IsValidPath(string path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && path.Length > 1
        && path[1..].Split('/').All(part => part.Length > 0 && part is not "." and not "..");
}
