namespace Ebpf.Runtime.Maps;

/// <summary>
/// A spin lock on an <see cref="int"/> cell (0 free, 1 held): the kernel's per-bucket and per-map
/// spinlocks. It never allocates and never throws, so program-side operations may take it; holders
/// only copy a few bytes and relink a few indices.
/// </summary>
internal static class SpinGate
{
    public static void Enter(ref int gate)
    {
        if (Interlocked.CompareExchange(ref gate, 1, 0) == 0)
        {
            return;
        }

        // Yield to a preempted holder instead of sleeping a whole millisecond: holders are brief.
        var spinner = default(SpinWait);
        do
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        while (Volatile.Read(ref gate) != 0 || Interlocked.CompareExchange(ref gate, 1, 0) != 0);
    }

    public static void Exit(ref int gate) => Volatile.Write(ref gate, 0);
}
