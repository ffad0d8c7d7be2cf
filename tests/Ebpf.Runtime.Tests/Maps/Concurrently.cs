namespace Ebpf.Runtime.Tests.Maps;

/// <summary>Runs a body on many threads that start together, as programs on many CPUs.</summary>
internal static class Concurrently
{
    public const int Threads = 8;

    public static void Run(Action<int> body, int threads = Threads)
    {
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            body(i);
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
    }
}
