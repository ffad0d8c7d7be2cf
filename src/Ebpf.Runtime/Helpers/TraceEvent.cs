using System.Globalization;

namespace Ebpf.Runtime.Helpers;

/// <summary>
/// One message a program wrote with <c>bpf_trace_printk</c>, with the context the kernel's trace buffer records
/// for it. <see cref="Line"/> is the text <c>/sys/kernel/tracing/trace_pipe</c> shows.
/// </summary>
/// <param name="Task">The name of the thread that ran the program (the kernel's <c>comm</c>, at most 15 characters): the thread's name, or the process's.</param>
/// <param name="Pid">The thread's id, the low half of <c>bpf_get_current_pid_tgid</c>.</param>
/// <param name="Cpu">The CPU the program ran as (<see cref="Maps.ExecutionCpu.Current"/>).</param>
/// <param name="TimestampNs">When, on the clock of <c>bpf_ktime_get_ns</c>.</param>
/// <param name="Message">The formatted message, as the program produced it (a trailing newline included, if it wrote one).</param>
public sealed record TraceEvent(string Task, int Pid, int Cpu, ulong TimestampNs, string Message)
{
    /// <summary>The event name trace_pipe shows before each message.</summary>
    public const string EventName = "bpf_trace_printk";

    /// <summary>
    /// The event as trace_pipe prints it, <c>"           task-pid     [cpu] ..... seconds.micros: bpf_trace_printk: message"</c>,
    /// without the newline the kernel adds after each event: writing each line followed by a newline gives
    /// trace_pipe's text. The kernel's irq-state columns (<c>d.h1.</c>) mean nothing here and show as dots.
    /// </summary>
    public string Line => string.Create(
        CultureInfo.InvariantCulture,
        $"{Task,16}-{Pid,-7} [{Cpu:000}] ..... {TimestampNs / 1_000_000_000,5}.{TimestampNs / 1000 % 1_000_000:000000}: {EventName}: {Message}");

    /// <inheritdoc />
    public override string ToString() => Line;
}
