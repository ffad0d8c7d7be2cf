using Ebpf.Elf.Btf;

namespace Ebpf.Elf.CoRe;

/// <summary>
/// A CO-RE access specification resolved against one BTF (libbpf's <c>struct bpf_core_spec</c>): the root type, the
/// named and array steps (<see cref="Accessors"/>; anonymous members are walked but not kept), every raw index and the
/// bit offset the walk reached from the start of the root object.
/// </summary>
internal sealed class CoreSpec(BtfSpec btf, int rootTypeId)
{
    /// <summary>libbpf's <c>BPF_CORE_SPEC_MAX_LEN</c>: deeper nesting is refused.</summary>
    public const int MaxLength = 64;

    public BtfSpec Btf { get; } = btf;

    public int RootTypeId { get; } = rootTypeId;

    public List<CoreAccessor> Accessors { get; } = [];

    public List<int> Raw { get; } = [];

    public long BitOffset { get; set; }

    public CoreAccessor Last => Accessors[^1];

    /// <summary>The spec as libbpf prints it: root type, raw indexes, bit offset.</summary>
    public string Describe() =>
        $"[{RootTypeId}] {Btf.FormatType(RootTypeId)} {string.Join(':', Raw)} @ bit {BitOffset}";
}
