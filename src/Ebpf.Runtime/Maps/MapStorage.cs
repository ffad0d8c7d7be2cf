using Ebpf.Core.Specs;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// Where the elements of fixed-layout maps live: <c>BPF_MAP_TYPE_ARRAY</c> and <c>BPF_MAP_TYPE_PERCPU_ARRAY</c>,
/// whose bytes are the whole state (no pointers, free lists or locks), so the same bytes mean the same map in
/// another process. Other map types always use process memory.
/// </summary>
/// <remarks>
/// The storage only decides how the block is obtained; the map keeps one fixed address for its life, so programs
/// (and the JIT's inlined lookups) see no difference.
/// </remarks>
public abstract class MapStorage
{
    private protected MapStorage()
    {
    }

    /// <summary>Zeroed, aligned process memory: gone with the process. The default.</summary>
    public static MapStorage Memory { get; } = new MemoryStorage();

    /// <summary>Obtains <paramref name="length"/> zeroed bytes (at least one) aligned to <paramref name="alignment"/> for <paramref name="spec"/>'s elements.</summary>
    internal abstract OwnedMemory Allocate(MapSpec spec, ulong length, int alignment);

    private sealed class MemoryStorage : MapStorage
    {
        internal override OwnedMemory Allocate(MapSpec spec, ulong length, int alignment) => new NativeBlock(length, alignment);
    }
}
