using System.Collections.Immutable;
using Ebpf.Core.Specs;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Maps;

/// <summary>
/// <c>BPF_MAP_TYPE_LPM_TRIE</c>: values by IP-style prefix. Keys are
/// <c>struct bpf_lpm_trie_key { u32 prefixlen; u8 data[]; }</c> (<c>prefixlen</c> in host order, data
/// most significant byte first); <c>key_size</c> is 4 plus 1 to 256 data bytes, and the map must be
/// created with <c>BPF_F_NO_PREALLOC</c>, as Linux requires.
/// </summary>
/// <remarks>
/// <para>Lookups return the value of the longest stored prefix that covers the key's first
/// <c>prefixlen</c> bits (programs usually pass the full length, 32 for IPv4); updates and deletes name an
/// exact prefix. A full trie refuses new prefixes with <see cref="MapError.NoSpace"/>; a prefix longer
/// than the data is <see cref="MapError.InvalidArgument"/>. Get-next-key walks in the kernel's post-order:
/// more specific prefixes before those that contain them.</para>
/// <para>Value slots are preallocated despite <c>BPF_F_NO_PREALLOC</c>, so value addresses stay valid.
/// Writers take a per-map spin lock; lookups take no lock (a version check replaces the kernel's RCU).</para>
/// </remarks>
public sealed unsafe class LpmTrieMap : BpfMap
{
    private readonly LpmTrie _trie;

    internal LpmTrieMap(MapSpec spec, MapOptions options)
        : base(spec, options)
    {
        MapDefinitionRules.ThrowIfRefused(MapDefinitionRules.CheckMemory(spec, LpmTrie.NativeBytes(spec.KeySize, spec.ValueSize, spec.MaxEntries), options));
        _trie = new LpmTrie(spec.KeySize, spec.ValueSize, spec.MaxEntries);
        Regions = [ValueRegion(_trie.ValuesAddress, _trie.ValuesLength)];
    }

    /// <inheritdoc />
    public override ImmutableArray<MemoryRegion> Regions { get; }

    /// <inheritdoc />
    public override ulong LookupElement(byte* key) => (ulong)_trie.Lookup(key);

    /// <inheritdoc />
    public override long UpdateElement(byte* key, byte* value, ulong flags) => -(long)_trie.Update(key, value, flags);

    /// <inheritdoc />
    public override long DeleteElement(byte* key) => -(long)_trie.Delete(key);

    private protected override MapError LookupCore(byte* key, byte* value) => _trie.TryRead(key, value) ? MapError.None : MapError.NotFound;

    private protected override MapError UpdateCore(byte* key, byte* value, ulong flags) => _trie.Update(key, value, flags);

    private protected override MapError DeleteCore(byte* key) => _trie.Delete(key);

    private protected override MapError GetNextKeyCore(byte* key, byte* nextKey) => _trie.NextKey(key, nextKey);

    private protected override void FreeResources() => _trie.Dispose();
}
