namespace Ebpf.Service.Contracts;

/// <summary>The result of a test run.</summary>
/// <param name="ReturnValue">r0 at exit.</param>
/// <param name="DataOut">The data after the run.</param>
/// <param name="AverageNanoseconds">Mean time of one run.</param>
/// <param name="Fault">What stopped the run early, or null.</param>
public sealed record RunProgramResponse(ulong ReturnValue, byte[] DataOut, double AverageNanoseconds, string? Fault);
