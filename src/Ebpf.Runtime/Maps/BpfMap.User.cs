namespace Ebpf.Runtime.Maps;

/// <summary>
/// User-side operations on spans, as libbpf's <c>bpf_map_*_elem</c> functions: they copy keys and values
/// and return a <see cref="MapError"/> (Linux's errno) instead of throwing for what Linux answers with an
/// error. Wrong span lengths are programming errors and throw <see cref="ArgumentException"/>.
/// </summary>
/// <remarks>
/// Values are <see cref="UserValueSize"/> bytes: for per-CPU maps one <c>round_up(ValueSize, 8)</c>-byte
/// value per CPU slot, in slot order. Maps created <c>BPF_F_RDONLY</c> or frozen refuse writes, and maps
/// created <c>BPF_F_WRONLY</c> refuse reads, with <see cref="MapError.PermissionDenied"/>.
/// </remarks>
public abstract unsafe partial class BpfMap
{
    /// <summary><c>bpf_map_lookup_elem</c>: copies the value of <paramref name="key"/> (for queues and stacks, an empty key peeks).</summary>
    public MapError Lookup(ReadOnlySpan<byte> key, Span<byte> value)
    {
        CheckSpans(key, value.Length);
        if (_userAccess == 2)
        {
            return MapError.PermissionDenied;
        }

        fixed (byte* k = key, v = value)
        {
            return LookupCore(k, v);
        }
    }

    /// <summary>True when <paramref name="key"/> was found and its value copied.</summary>
    public bool TryLookup(ReadOnlySpan<byte> key, Span<byte> value) => Lookup(key, value) == MapError.None;

    /// <summary><c>bpf_map_update_elem</c>: creates or replaces the element as <paramref name="flags"/> allow (for queues and stacks, an empty key pushes).</summary>
    public MapError Update(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, MapUpdateFlags flags = MapUpdateFlags.Any)
    {
        CheckSpans(key, value.Length);
        if (!CanWrite)
        {
            return MapError.PermissionDenied;
        }

        if (flags.HasFlag(MapUpdateFlags.Lock))
        {
            return MapError.InvalidArgument; // values hold no bpf_spin_lock
        }

        fixed (byte* k = key, v = value)
        {
            return UpdateCore(k, v, (ulong)flags);
        }
    }

    /// <summary><c>bpf_map_delete_elem</c>.</summary>
    public MapError Delete(ReadOnlySpan<byte> key)
    {
        CheckSpans(key, null);
        if (!CanWrite)
        {
            return MapError.PermissionDenied;
        }

        fixed (byte* k = key)
        {
            return DeleteCore(k);
        }
    }

    /// <summary><c>bpf_map_get_next_key</c>: the key after <paramref name="key"/>, or the first key when <paramref name="key"/> is empty (or, as Linux, not in the map); <see cref="MapError.NotFound"/> after the last.</summary>
    public MapError GetNextKey(ReadOnlySpan<byte> key, Span<byte> nextKey)
    {
        ThrowIfDisposed();
        if (!key.IsEmpty && key.Length != KeySize)
        {
            throw new ArgumentException($"The key of map '{Name}' is {KeySize} bytes, or empty for the first key; got {key.Length}.", nameof(key));
        }

        if (nextKey.Length != KeySize)
        {
            throw new ArgumentException($"The key of map '{Name}' is {KeySize} bytes; got a buffer of {nextKey.Length}.", nameof(nextKey));
        }

        fixed (byte* k = key, n = nextKey)
        {
            return GetNextKeyCore(key.IsEmpty ? null : k, n);
        }
    }

    /// <summary>True when a next key was copied.</summary>
    public bool TryGetNextKey(ReadOnlySpan<byte> key, Span<byte> nextKey) => GetNextKey(key, nextKey) == MapError.None;

    /// <summary><c>bpf_map_lookup_and_delete_elem</c>: copies the value and removes the element (hash maps; for queues and stacks an empty key pops).</summary>
    public MapError LookupAndDelete(ReadOnlySpan<byte> key, Span<byte> value)
    {
        CheckSpans(key, value.Length);
        if (!CanWrite || _userAccess == 2)
        {
            return MapError.PermissionDenied;
        }

        fixed (byte* k = key, v = value)
        {
            return LookupAndDeleteCore(k, v);
        }
    }

    /// <summary>Pushes onto a queue or stack; <see cref="MapUpdateFlags.Exist"/> overwrites the oldest element when full.</summary>
    public MapError Push(ReadOnlySpan<byte> value, MapUpdateFlags flags = MapUpdateFlags.Any) => Update([], value, flags);

    /// <summary>Pops from a queue (oldest) or stack (newest).</summary>
    public MapError Pop(Span<byte> value) => LookupAndDelete([], value);

    /// <summary>Copies the element <see cref="Pop"/> would take, leaving it.</summary>
    public MapError Peek(Span<byte> value) => Lookup([], value);

    /// <summary>Every key, in get-next-key order; a key deleted meanwhile restarts the walk, as with <see cref="GetNextKey"/>.</summary>
    public IEnumerable<byte[]> EnumerateKeys()
    {
        var key = Array.Empty<byte>();
        while (true)
        {
            var next = new byte[KeySize];
            if (GetNextKey(key, next) != MapError.None)
            {
                yield break;
            }

            yield return next;
            key = next;
        }
    }

    private protected virtual MapError LookupCore(byte* key, byte* value) => MapError.NotSupported;

    private protected virtual MapError UpdateCore(byte* key, byte* value, ulong flags) => MapError.NotSupported;

    private protected virtual MapError DeleteCore(byte* key) => MapError.NotSupported;

    /// <summary><paramref name="key"/> is null for the first key.</summary>
    private protected virtual MapError GetNextKeyCore(byte* key, byte* nextKey) => MapError.NotSupported;

    private protected virtual MapError LookupAndDeleteCore(byte* key, byte* value) => MapError.NotSupported;

    private bool CanWrite => _userAccess != 1 && !IsFrozen;

    private void CheckSpans(ReadOnlySpan<byte> key, int? valueLength)
    {
        ThrowIfDisposed();
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"The key of map '{Name}' is {KeySize} bytes; got {key.Length}.", nameof(key));
        }

        if (valueLength is { } length && length != UserValueSize)
        {
            throw new ArgumentException($"The user-side value of map '{Name}' is {UserValueSize} bytes; got {length}.", "value");
        }
    }
}
