namespace Ebpf.Runtime.Maps;

/// <summary>
/// The ring behind queues and stacks (<c>kernel/bpf/queue_stack_maps.c</c>): <c>max_entries + 1</c> value
/// slots in native memory with a head (next push) and a tail (oldest element), under one per-map spin
/// lock as the kernel's <c>qs->lock</c>.
/// </summary>
internal sealed unsafe class QueueStackStore : IDisposable
{
    private readonly NativeBlock _slots;
    private readonly byte* _base;
    private readonly uint _size;
    private readonly uint _valueSize;
    private uint _head;
    private uint _tail;
    private int _gate;

    public QueueStackStore(uint valueSize, uint maxEntries)
    {
        _valueSize = valueSize;
        _size = maxEntries + 1;
        _slots = new NativeBlock((ulong)valueSize * _size);
        _base = _slots.Pointer;
    }

    public static ulong NativeBytes(uint valueSize, uint maxEntries) => (ulong)valueSize * (maxEntries + 1UL);

    /// <summary>
    /// <c>queue_stack_map_push_elem</c>: <c>BPF_NOEXIST</c> or unknown flags are <see cref="MapError.InvalidArgument"/>;
    /// a full map answers <see cref="MapError.TooBig"/>, or with <c>BPF_EXIST</c> drops its oldest element.
    /// </summary>
    public MapError Push(byte* value, ulong flags)
    {
        if ((flags & (ulong)MapUpdateFlags.NoExist) != 0 || flags > (ulong)MapUpdateFlags.Exist)
        {
            return MapError.InvalidArgument;
        }

        SpinGate.Enter(ref _gate);
        if (Next(_head) == _tail)
        {
            if (flags != (ulong)MapUpdateFlags.Exist)
            {
                SpinGate.Exit(ref _gate);
                return MapError.TooBig;
            }

            _tail = Next(_tail);
        }

        Buffer.MemoryCopy(value, Slot(_head), _valueSize, _valueSize);
        _head = Next(_head);
        SpinGate.Exit(ref _gate);
        return MapError.None;
    }

    /// <summary>Copies the oldest (queue) or newest (stack) element out, removing it when <paramref name="remove"/>; <see cref="MapError.NotFound"/> when empty.</summary>
    public MapError Take(byte* value, bool newest, bool remove)
    {
        SpinGate.Enter(ref _gate);
        if (_head == _tail)
        {
            SpinGate.Exit(ref _gate);
            return MapError.NotFound;
        }

        var index = newest ? (_head == 0 ? _size - 1 : _head - 1) : _tail;
        Buffer.MemoryCopy(Slot(index), value, _valueSize, _valueSize);
        if (remove)
        {
            if (newest)
            {
                _head = index;
            }
            else
            {
                _tail = Next(_tail);
            }
        }

        SpinGate.Exit(ref _gate);
        return MapError.None;
    }

    public void Dispose() => _slots.Dispose();

    private uint Next(uint index) => index + 1 == _size ? 0 : index + 1;

    private byte* Slot(uint index) => _base + ((ulong)index * _valueSize);
}
