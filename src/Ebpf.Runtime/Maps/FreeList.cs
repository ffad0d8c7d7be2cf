namespace Ebpf.Runtime.Maps;

/// <summary>
/// A lock-free stack of free element indices (the kernel's <c>pcpu_freelist</c>, as one list). The head
/// packs the top index (plus one) with a counter bumped on every change, so a pop never succeeds on a
/// head that was popped and pushed back in between (the ABA problem).
/// </summary>
internal sealed class FreeList
{
    private readonly int[] _next;
    private long _head;

    /// <summary>A list holding every index below <paramref name="capacity"/>, lowest on top.</summary>
    public FreeList(int capacity)
    {
        _next = new int[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _next[i] = i + 1 < capacity ? i + 1 : -1;
        }

        _head = capacity > 0 ? 1 : 0;
    }

    /// <summary>Takes an index, or returns -1 when none is free.</summary>
    public int Pop()
    {
        while (true)
        {
            var head = Volatile.Read(ref _head);
            var top = (int)(uint)head - 1;
            if (top < 0)
            {
                return -1;
            }

            var next = Volatile.Read(ref _next[top]);
            var replacement = ((head >> 32) + 1) << 32 | (uint)(next + 1);
            if (Interlocked.CompareExchange(ref _head, replacement, head) == head)
            {
                return top;
            }
        }
    }

    /// <summary>Returns an index to the list.</summary>
    public void Push(int index)
    {
        while (true)
        {
            var head = Volatile.Read(ref _head);
            Volatile.Write(ref _next[index], (int)(uint)head - 1);
            var replacement = ((head >> 32) + 1) << 32 | (uint)(index + 1);
            if (Interlocked.CompareExchange(ref _head, replacement, head) == head)
            {
                return;
            }
        }
    }
}
