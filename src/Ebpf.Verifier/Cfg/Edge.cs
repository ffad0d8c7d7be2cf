namespace Ebpf.Verifier.Cfg;

/// <summary>An edge of the control-flow graph.</summary>
/// <param name="Target">The block it goes to.</param>
/// <param name="Kind">What following it does.</param>
internal readonly record struct Edge(int Target, EdgeKind Kind);
