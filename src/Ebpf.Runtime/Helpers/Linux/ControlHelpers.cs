using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>Helpers that change the flow of the program: <c>tail_call</c> (12) and <c>loop</c> (181).</summary>
internal static class ControlHelpers
{
    /// <summary>The most iterations <c>bpf_loop</c> accepts (Linux: <c>BPF_MAX_LOOPS</c>, 8 Mi).</summary>
    public const ulong MaxLoops = 1 << 23;

    /// <summary>
    /// Jumps to the program in slot <paramref name="index"/> of a program array, which then runs in place of
    /// the caller on the same context. When the slot is empty or out of range, or 33 tail calls have
    /// already happened, the call fails and the caller goes on, as in Linux.
    /// </summary>
    public static ulong TailCall(HelperContext context, ulong ctx, ulong map, ulong index, ulong _, ulong __)
    {
        if (MapHelpers.Resolve(context, map) is not { } resolved)
        {
            return Errno.Invalid;
        }

        if (resolved is not ProgArrayMap array)
        {
            context.Fail($"map '{resolved.Name}' is not a program array");
            return Errno.Invalid;
        }

        if (index >= array.MaxEntries || !array.TryGetProgram((uint)index, out var program) || program is not LoadedProgram loaded)
        {
            return Errno.NoEntry;
        }

        context.RequestTailCall(loaded.Executable);
        return 0;
    }

    /// <summary>
    /// Calls <paramref name="callback"/>(i, <paramref name="callbackContext"/>) for i from 0 while it returns 0,
    /// at most <paramref name="loops"/> times; returns how many calls were made.
    /// </summary>
    public static ulong Loop(HelperContext context, ulong loops, ulong callback, ulong callbackContext, ulong flags, ulong _)
    {
        if (flags != 0)
        {
            return Errno.Invalid;
        }

        if (loops > MaxLoops)
        {
            return Errno.TooBig;
        }

        Span<ulong> arguments = stackalloc ulong[2];
        for (ulong i = 0; i < loops; i++)
        {
            arguments[0] = i;
            arguments[1] = callbackContext;
            var stop = context.Invoke(callback, arguments);
            if (context.FailureMessage is not null)
            {
                return 0;
            }

            if (stop != 0)
            {
                return i + 1;
            }
        }

        return loops;
    }

    /// <summary>
    /// Calls <paramref name="callback"/>(map, &amp;key, &amp;value, <paramref name="callbackContext"/>) for each
    /// element of an array or hash map while it returns 0; returns how many elements were visited. The key
    /// is lent to the callback in memory of its own; the value is the element's, as in Linux.
    /// </summary>
    public static unsafe ulong ForEachMapElem(HelperContext context, ulong map, ulong callback, ulong callbackContext, ulong flags, ulong _)
    {
        if (flags != 0 || MapHelpers.Resolve(context, map) is not { } resolved)
        {
            return Errno.Invalid;
        }

        if (resolved.Type is not (Core.Abi.MapType.Array or Core.Abi.MapType.PercpuArray or Core.Abi.MapType.Hash
            or Core.Abi.MapType.PercpuHash or Core.Abi.MapType.LruHash or Core.Abi.MapType.LruPercpuHash))
        {
            return Errno.Invalid;
        }

        using var key = new Memory.NativeBuffer((int)resolved.KeySize);
        var lent = key.AsRegion("for_each key", writable: false);
        var previous = Array.Empty<byte>();
        var next = new byte[resolved.KeySize];
        Span<ulong> arguments = stackalloc ulong[4];
        ulong visited = 0;
        while (resolved.TryGetNextKey(previous, next))
        {
            next.CopyTo(key.Span);
            var value = resolved.LookupElement((byte*)key.Address);
            previous = [.. next];
            if (value == 0)
            {
                continue;
            }

            visited++;
            arguments[0] = map;
            arguments[1] = key.Address;
            arguments[2] = value;
            arguments[3] = callbackContext;
            if (context.Invoke(callback, arguments, lent) != 0 || context.FailureMessage is not null)
            {
                break;
            }
        }

        return visited;
    }
}
