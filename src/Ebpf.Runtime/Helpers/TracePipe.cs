using System.Diagnostics;
using System.Threading.Channels;

namespace Ebpf.Runtime.Helpers;

/// <summary>
/// Where <c>bpf_trace_printk</c> writes: the process-wide equivalent of the kernel's trace buffer, read as
/// <c>/sys/kernel/tracing/trace_pipe</c> is. Thread-safe; programs on any thread write, readers consume.
/// </summary>
/// <remarks>
/// The buffer keeps the newest <see cref="Capacity"/> events: when full, the oldest is dropped (and counted in
/// <see cref="Overruns"/>), as the kernel's ring buffer overwrites in its default overwrite mode. Reading consumes,
/// as reading trace_pipe does: several readers share the events rather than each seeing all of them.
/// </remarks>
public static class TracePipe
{
    /// <summary>Most events kept before the oldest are dropped.</summary>
    public const int Capacity = 16 * 1024;

    private static readonly Lazy<string> ProcessName = new(() =>
    {
        using var process = Process.GetCurrentProcess();
        return process.ProcessName;
    });
    private static readonly Channel<TraceEvent> Events = Channel.CreateBounded<TraceEvent>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest },
        _ => Interlocked.Increment(ref _overruns));

    private static long _overruns;

    /// <summary>Consumes events as they come (<c>cat trace_pipe</c>): <c>await foreach (var e in TracePipe.Reader.ReadAllAsync(token))</c>.</summary>
    public static ChannelReader<TraceEvent> Reader => Events.Reader;

    /// <summary>Events dropped because the buffer was full (the kernel's <c>overrun</c> count).</summary>
    public static long Overruns => Interlocked.Read(ref _overruns);

    /// <summary>Consumes and returns every buffered event, oldest first, without waiting.</summary>
    public static IReadOnlyList<TraceEvent> ReadAll()
    {
        var events = new List<TraceEvent>();
        while (Events.Reader.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Drops every buffered event (<c>echo &gt; trace</c>).</summary>
    public static void Clear() => ReadAll();

    /// <summary>Records a message for the current thread, as the kernel stamps an event with the current task.</summary>
    internal static void Write(string message, int cpu, ulong timestampNs)
    {
        var task = Thread.CurrentThread.Name ?? ProcessName.Value;
        var e = new TraceEvent(task.Length > 15 ? task[..15] : task, Environment.CurrentManagedThreadId, cpu, timestampNs, message);
        Events.Writer.TryWrite(e);
    }
}
