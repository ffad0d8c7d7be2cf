using Ebpf.Core.Specs;

namespace Ebpf.Runtime.Maps;

/// <summary><c>BPF_MAP_TYPE_QUEUE</c>: first in, first out; pop and peek take the oldest element.</summary>
public sealed class QueueMap : QueueStackMap
{
    internal QueueMap(MapSpec spec, MapOptions options)
        : base(spec, options, newest: false)
    {
    }
}
