namespace Ebpf.Runtime.Maps;

/// <summary>
/// The eviction order of an LRU hash map: a second-chance (CLOCK) list, as the kernel's LRU uses a
/// reference bit instead of moving elements on every access. New elements join the tail; lookups by
/// programs set the element's reference bit without a lock; eviction takes the head, and a head whose
/// bit is set gets its bit cleared and goes back to the tail instead. The result approximates
/// least-recently-used order: an element used since it last reached the head always survives that pass.
/// </summary>
/// <remarks>List changes take one per-map spin lock, as the kernel's common LRU list has one lock.</remarks>
internal sealed class LruList
{
    private readonly int[] _prev;
    private readonly int[] _next;
    private readonly bool[] _linked;
    private readonly byte[] _referenced;
    private int _head = -1;
    private int _tail = -1;
    private int _gate;

    public LruList(int capacity)
    {
        _prev = new int[capacity];
        _next = new int[capacity];
        _linked = new bool[capacity];
        _referenced = new byte[capacity];
    }

    /// <summary>Marks an element used (a program looked it up or it was replaced).</summary>
    public void Touch(int element)
    {
        if (_referenced[element] == 0)
        {
            _referenced[element] = 1;
        }
    }

    /// <summary>Appends a new element at the tail, unreferenced.</summary>
    public void Add(int element)
    {
        SpinGate.Enter(ref _gate);
        _referenced[element] = 0;
        Append(element);
        SpinGate.Exit(ref _gate);
    }

    /// <summary>Removes an element if it is in the list.</summary>
    public void Remove(int element)
    {
        SpinGate.Enter(ref _gate);
        if (_linked[element])
        {
            Unlink(element);
        }

        SpinGate.Exit(ref _gate);
    }

    /// <summary>
    /// Takes the least recently used element out of the list and reads its tag while the list is locked;
    /// -1 when the list is empty. The caller still has to unlink the element from its bucket.
    /// </summary>
    public unsafe int TakeVictim(byte* records, ulong stride, out int tag)
    {
        SpinGate.Enter(ref _gate);
        try
        {
            for (var pass = 0; pass <= 2 * _prev.Length; pass++)
            {
                var head = _head;
                if (head < 0)
                {
                    break;
                }

                Unlink(head);
                if (_referenced[head] != 0)
                {
                    _referenced[head] = 0;
                    Append(head);
                    continue;
                }

                tag = Volatile.Read(ref *(int*)(records + ((ulong)(uint)head * stride))); // the tag leads each record
                return head;
            }

            tag = 0;
            return -1;
        }
        finally
        {
            SpinGate.Exit(ref _gate);
        }
    }

    private void Append(int element)
    {
        _prev[element] = _tail;
        _next[element] = -1;
        if (_tail >= 0)
        {
            _next[_tail] = element;
        }
        else
        {
            _head = element;
        }

        _tail = element;
        _linked[element] = true;
    }

    private void Unlink(int element)
    {
        var (prev, next) = (_prev[element], _next[element]);
        if (prev >= 0)
        {
            _next[prev] = next;
        }
        else
        {
            _head = next;
        }

        if (next >= 0)
        {
            _prev[next] = prev;
        }
        else
        {
            _tail = prev;
        }

        _linked[element] = false;
    }
}
