using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>
/// The ring buffer helpers (<c>kernel/bpf/ringbuf.c</c>): <c>bpf_ringbuf_output</c> (130), <c>bpf_ringbuf_reserve</c>
/// (131), <c>bpf_ringbuf_submit</c> (132), <c>bpf_ringbuf_discard</c> (133) and <c>bpf_ringbuf_query</c> (134), on
/// <see cref="RingBufMap"/>'s program side. Commits take <see cref="RingBufMap.NoWakeup"/> and
/// <see cref="RingBufMap.ForceWakeup"/>.
/// </summary>
/// <remarks>
/// The verifier allows these helpers on ring buffers only and tracks each reserved record until it is submitted or
/// discarded. Unverified programs get <c>-EINVAL</c> (null from reserve) for another map type, and in checked runs a
/// submit or discard of anything but a reserved, uncommitted record fails the run.
/// </remarks>
internal static unsafe class RingbufHelpers
{
    public static ulong Output(HelperContext context, ulong map, ulong data, ulong size, ulong flags, ulong _) =>
        MapHelpers.Resolve(context, map) is not { } m ? Errno.Fault
        : m is not RingBufMap ring ? Errno.Invalid
        : context.Require(data, size, false, "the data") ? (ulong)ring.Output((byte*)data, size, flags)
        : Errno.Fault;

    public static ulong Reserve(HelperContext context, ulong map, ulong size, ulong flags, ulong _, ulong __) =>
        MapHelpers.Resolve(context, map) is RingBufMap ring ? ring.Reserve(size, flags) : 0;

    public static ulong Submit(HelperContext context, ulong sample, ulong flags, ulong _, ulong __, ulong ___)
    {
        if (Record(context, sample) is { } ring)
        {
            ring.Submit(sample, flags);
        }

        return 0;
    }

    public static ulong Discard(HelperContext context, ulong sample, ulong flags, ulong _, ulong __, ulong ___)
    {
        if (Record(context, sample) is { } ring)
        {
            ring.Discard(sample, flags);
        }

        return 0;
    }

    public static ulong Query(HelperContext context, ulong map, ulong flags, ulong _, ulong __, ulong ___) =>
        MapHelpers.Resolve(context, map) is not { } m ? Errno.Fault
        : m is RingBufMap ring ? ring.Query(flags)
        : Errno.Invalid;

    /// <summary>The ring of a reserved record: found from its header, as the kernel does, once checked runs made sure it is one.</summary>
    private static RingBufMap? Record(HelperContext context, ulong sample)
    {
        if (!context.IsChecked)
        {
            return RingBufMap.FromSample(sample);
        }

        var ring = RingBufMap.FindReserved(sample, out var problem);
        if (ring is null)
        {
            context.Fail(problem!);
        }

        return ring;
    }
}
