namespace Ebpf.Runtime.Maps;

/// <summary>
/// Spin locks for hash buckets: bucket <c>b</c> is guarded by stripe <c>b % stripes</c>. Linux has one
/// lock per bucket; stripes bound the memory while keeping writers to different buckets apart.
/// Each stripe sits on its own cache line.
/// </summary>
internal sealed class StripedLocks
{
    private const int Spacing = 16; // 16 ints = 64 bytes between stripes
    private readonly int[] _cells;
    private readonly uint _mask;

    public StripedLocks(uint buckets)
    {
        var stripes = Math.Min(buckets, 1024u);
        _mask = stripes - 1;
        _cells = new int[stripes * Spacing];
    }

    public void Enter(uint bucket) => SpinGate.Enter(ref _cells[(bucket & _mask) * Spacing]);

    public void Exit(uint bucket) => SpinGate.Exit(ref _cells[(bucket & _mask) * Spacing]);
}
