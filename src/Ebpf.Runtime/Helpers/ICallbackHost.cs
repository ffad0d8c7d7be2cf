namespace Ebpf.Runtime.Helpers;

/// <summary>The engine side of helpers that call back into the program (<c>bpf_loop</c>, <c>bpf_for_each_map_elem</c>).</summary>
public interface ICallbackHost
{
    /// <summary>
    /// Runs the program's function at <paramref name="function"/> with r1..r5 from <paramref name="arguments"/>
    /// and returns its r0; failures go through <see cref="HelperContext.Fail"/>. <paramref name="lent"/> is
    /// memory the helper lends the callback (a key it passes by pointer), allowed for the call only.
    /// </summary>
    ulong Invoke(HelperContext context, ulong function, ReadOnlySpan<ulong> arguments, Memory.MemoryRegion? lent = null);
}
