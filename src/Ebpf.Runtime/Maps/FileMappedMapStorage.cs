using System.Collections.Concurrent;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// Array and per-CPU array elements in files of one folder, mapped shared: what programs and clients store is in
/// the page cache the moment it is stored, so it survives a kill of the process (not a power loss, unless
/// <see cref="Flush"/> ran after it). Each map gets a new file, deleted with the map; other map types live in memory.
/// </summary>
/// <remarks>
/// Falls back to process memory for a map whose file cannot be made (a full disk, a read-only folder): the map works
/// and only its durability is lost, which <see cref="FileOf"/> shows.
/// </remarks>
public sealed class FileMappedMapStorage : MapStorage
{
    private readonly ConcurrentDictionary<ulong, FileMapping> _mappings = new();

    /// <summary>Stores map files in <paramref name="directory"/>, creating it if needed.</summary>
    public FileMappedMapStorage(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
    }

    /// <summary>The folder of the map files.</summary>
    public string Directory { get; }

    /// <summary>The files of maps alive now.</summary>
    public IReadOnlyCollection<string> LiveFiles => [.. _mappings.Values.Select(m => m.Path)];

    /// <summary>The file holding <paramref name="map"/>'s elements, or null when they are in memory.</summary>
    public string? FileOf(BpfMap map) => Find(map)?.Path;

    /// <summary>Writes <paramref name="map"/>'s dirty pages to its file and waits for the disk; false when the map has no file.</summary>
    public bool Flush(BpfMap map)
    {
        if (Find(map) is not { } mapping)
        {
            return false;
        }

        mapping.Flush();
        return true;
    }

    /// <summary>
    /// Copies the elements a map of the same definition left in <paramref name="file"/> (a previous run's) into
    /// <paramref name="map"/>'s file. False, changing nothing, when the map has no file or <paramref name="file"/> is
    /// missing or of another length (another definition or CPU count).
    /// </summary>
    public bool TryCopyFrom(BpfMap map, string file)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (Find(map) is not { } mapping || !File.Exists(file))
        {
            return false;
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if ((ulong)stream.Length != mapping.Length)
        {
            return false;
        }

        stream.ReadExactly(mapping.Bytes);
        return true;
    }

    internal override OwnedMemory Allocate(MapSpec spec, ulong length, int alignment)
    {
        var path = Path.Combine(Directory, $"{Environment.ProcessId}-{Guid.NewGuid():N}.mem");
        try
        {
            // Mappings start on a page, which satisfies every alignment maps ask for.
            var mapping = FileMapping.Create(path, length, address => _mappings.TryRemove(address, out _));
            _mappings[mapping.Address] = mapping;
            return mapping;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new NativeBlock(length, alignment);
        }
    }

    private FileMapping? Find(BpfMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Type is Core.Abi.MapType.Array or Core.Abi.MapType.PercpuArray && map.Regions.Length > 0 && _mappings.TryGetValue(map.Regions[0].Start, out var mapping)
            ? mapping : null;
    }
}
