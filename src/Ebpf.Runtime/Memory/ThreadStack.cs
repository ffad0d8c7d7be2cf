namespace Ebpf.Runtime.Memory;

/// <summary>
/// One native stack per thread, reused by every run on that thread, so that a run allocates nothing.
/// Programs run on one thread at a time, and a run does not start another on the same thread except
/// through helpers that call back into the program, which use the frames below the caller's.
/// </summary>
internal static class ThreadStack
{
    [ThreadStatic]
    private static NativeBuffer? t_stack;

    /// <summary>A stack of at least <paramref name="size"/> bytes for the current thread.</summary>
    public static NativeBuffer Rent(int size)
    {
        if (t_stack is { } stack && stack.Length >= size)
        {
            return stack;
        }

        t_stack?.Dispose();
        return t_stack = new NativeBuffer(size);
    }
}
