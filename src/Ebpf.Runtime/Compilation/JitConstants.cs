namespace Ebpf.Runtime.Compilation;

/// <summary>
/// The objects compiled code refers to (helper delegates that are not plain static methods, maps called
/// directly): the first argument of every generated method, so the code loads them by index as constants.
/// </summary>
internal sealed class JitConstants
{
    /// <summary>The objects, by the index the code was emitted with.</summary>
    public object[] Values = [];
}
