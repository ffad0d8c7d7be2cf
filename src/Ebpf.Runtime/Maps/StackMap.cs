using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Maps;

/// <summary><c>BPF_MAP_TYPE_STACK</c>: last in, first out; pop and peek take the newest element.</summary>
public sealed class StackMap : QueueStackMap
{
    internal StackMap(MapSpec spec, MapOptions options)
        : base(spec, options, newest: true)
    {
    }
}
