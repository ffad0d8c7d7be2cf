namespace Ebpf.Runtime.Maps;

/// <summary>Flags of an update or push, as Linux's <c>BPF_ANY</c>, <c>BPF_NOEXIST</c>, <c>BPF_EXIST</c> and <c>BPF_F_LOCK</c>.</summary>
[Flags]
public enum MapUpdateFlags : ulong
{
    /// <summary><c>BPF_ANY</c>: create the element or replace it.</summary>
    Any = 0,
    /// <summary><c>BPF_NOEXIST</c>: create only; <see cref="MapError.Exists"/> when the key exists.</summary>
    NoExist = 1,
    /// <summary><c>BPF_EXIST</c>: replace only; <see cref="MapError.NotFound"/> when it does not. For queues and stacks: overwrite the oldest element when full.</summary>
    Exist = 2,
    /// <summary><c>BPF_F_LOCK</c>: update under the value's <c>bpf_spin_lock</c>; not supported here (<see cref="MapError.InvalidArgument"/>), as Linux answers for values without one.</summary>
    Lock = 4,
}
