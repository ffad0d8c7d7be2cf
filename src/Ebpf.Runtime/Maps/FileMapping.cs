using System.IO.MemoryMappedFiles;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// A map's elements in a file mapped shared (<c>MAP_SHARED</c>): every store lands in the page cache as it is made,
/// so it outlives a kill of this process; the file goes when the map does.
/// </summary>
internal sealed unsafe class FileMapping : OwnedMemory
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly Action<ulong> _released;

    private FileMapping(string path, ulong length, MemoryMappedFile file, MemoryMappedViewAccessor view, byte* pointer, Action<ulong> released)
        : base(pointer)
    {
        Path = path;
        Length = length;
        _file = file;
        _view = view;
        _released = released;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Length in bytes, the file's size.</summary>
    public ulong Length { get; }

    /// <summary>Creates <paramref name="path"/> (which must not exist) as <paramref name="length"/> zero bytes and maps it; <paramref name="released"/> hears the address when the mapping goes.</summary>
    /// <exception cref="IOException">The file cannot be created or mapped.</exception>
    public static FileMapping Create(string path, ulong length, Action<ulong> released)
    {
        var size = (long)Math.Max(length, 1UL);
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.CreateNew, mapName: null, size, MemoryMappedFileAccess.ReadWrite);
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = file.CreateViewAccessor(0, size, MemoryMappedFileAccess.ReadWrite);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            return new FileMapping(path, (ulong)size, file, view, pointer + view.PointerOffset, released);
        }
        catch
        {
            view?.Dispose();
            file.Dispose();
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Writes the dirty pages to the file and waits (<c>msync(MS_SYNC)</c>), for durability past a power loss.</summary>
    public void Flush() => _view.Flush();

    /// <summary>The mapped bytes.</summary>
    public Span<byte> Bytes => SpanOf((int)Math.Min(Length, int.MaxValue));

    private protected override void Free(byte* pointer)
    {
        _released((ulong)pointer);
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Left behind: the owner of the folder sweeps files no map uses.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
