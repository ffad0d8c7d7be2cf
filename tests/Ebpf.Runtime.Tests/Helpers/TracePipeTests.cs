using Ebpf.Runtime.Helpers;

namespace Ebpf.Runtime.Tests.Helpers;

[Collection(TracePipeCollection.Name)]
public sealed class TracePipeTests
{
    [Fact]
    public void The_pipe_keeps_the_newest_events_and_counts_the_dropped_ones()
    {
        TracePipe.Clear();
        var overruns = TracePipe.Overruns;
        for (var i = 0; i < TracePipe.Capacity + 10; i++)
        {
            TracePipe.Write($"event {i}", 0, (ulong)i);
        }

        var events = TracePipe.ReadAll();
        Assert.Equal(TracePipe.Capacity, events.Count);
        Assert.Equal("event 10", events[0].Message);
        Assert.True(TracePipe.Overruns - overruns >= 10);
        Assert.Empty(TracePipe.ReadAll());
    }

    [Fact]
    public void Writers_on_many_threads_lose_nothing_below_the_capacity()
    {
        TracePipe.Clear();
        Parallel.For(0, 8, thread =>
        {
            for (var i = 0; i < 500; i++)
            {
                TracePipe.Write($"{thread}:{i}", thread, 0);
            }
        });

        var events = TracePipe.ReadAll().Where(e => e.Message.Contains(':', StringComparison.Ordinal)).ToList();
        Assert.Equal(4000, events.Count);
        foreach (var thread in events.GroupBy(e => e.Cpu))
        {
            Assert.Equal(Enumerable.Range(0, 500).Select(i => $"{thread.Key}:{i}"), thread.Select(e => e.Message));
        }
    }

    [Fact]
    public void A_line_names_the_task_pid_cpu_and_time_as_the_kernel_does()
    {
        var e = new TraceEvent("dotnet", 42, 3, 12_345_678_901, "hello");
        Assert.Equal("          dotnet-42      [003] .....    12.345678: bpf_trace_printk: hello", e.Line);
    }
}
