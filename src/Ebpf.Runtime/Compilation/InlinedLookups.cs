using Ebpf.Core.Abi;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Helpers.Linux;

namespace Ebpf.Runtime.Compilation;

/// <summary>
/// The decisions the JIT and the native generator share about map helpers on a map known at compile time: which map
/// types get which lookup, and which helper implementations are the map operations compiled code may replace.
/// </summary>
internal static class InlinedLookups
{
    /// <summary>The lookup compiled code uses for a map of <paramref name="type"/> (the class <c>BpfMap.Create</c> makes for it).</summary>
    public static InlinedLookup Of(MapType type) => type switch
    {
        MapType.Array => InlinedLookup.Array,
        MapType.PercpuArray => InlinedLookup.PercpuArray,
        MapType.Hash or MapType.PercpuHash or MapType.LruHash or MapType.LruPercpuHash => InlinedLookup.Hash,
        _ => InlinedLookup.Call,
    };

    /// <summary>
    /// Whether <paramref name="helper"/> is the standard implementation of <paramref name="operation"/>: compiled code
    /// replaces a helper call only then, so that a helper table that substitutes its own is honoured.
    /// </summary>
    public static bool Implements(HelperFunction? helper, Native.NativeMapOperation operation) => helper?.Method == operation switch
    {
        Native.NativeMapOperation.Lookup => ((HelperFunction)MapHelpers.Lookup).Method,
        Native.NativeMapOperation.Update => ((HelperFunction)MapHelpers.Update).Method,
        _ => ((HelperFunction)MapHelpers.Delete).Method,
    };
}
