using Ebpf.Runtime.Execution;
using static Ebpf.Runtime.Tests.Helpers.HelperRuns;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary><c>bpf_ktime_get_coarse_ns</c>; helpers_maps.c cases 50 and 51.</summary>
public sealed class KtimeCoarseHelperTests
{
    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void The_coarse_clock_is_never_ahead_of_ktime_get_ns(EngineKind engine)
    {
        using var loaded = Load("helpers_maps", engine);
        RunOnce(loaded);
        var results = loaded.FindMap("results")!;
        Assert.Equal([1, 1], new[] { S64(results, 50), S64(results, 51) });
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void The_coarse_clock_ticks_in_jiffies_and_does_not_go_back(EngineKind engine)
    {
        // r0 = coarse2 - coarse1 after a busy loop; both are multiples of 4 ms.
        const string Program = "call 160\nmov %r6, %r0\nmov %r7, 0\nloop:\nadd %r7, 1\njlt %r7, 200000, loop\ncall 160\nmov %r8, %r0\nmov %r0, %r8\nsub %r0, %r6\nmod %r6, 4000000\nmod %r8, 4000000\nor %r6, %r8\njeq %r6, 0, +1\nmov %r0, -1\nexit";
        var elapsed = (long)Returns(Program, engine: engine); // the engines differ in speed, so each runs alone
        Assert.True(elapsed >= 0, $"the coarse clock went back or was not a multiple of a jiffy: {elapsed}");
    }
}
