using Ebpf.Runtime.Execution;

namespace Ebpf.Runtime.Tests;

/// <summary>Theory data: every engine, so that each engine test runs on each.</summary>
public static class EngineData
{
    /// <summary>Every engine this build offers.</summary>
    public static TheoryData<EngineKind> All => [.. Engines.Available];
}
