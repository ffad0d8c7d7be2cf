namespace Ebpf.Elf.CoRe;

/// <summary>
/// What one relocation decided (libbpf's <c>struct bpf_core_relo_res</c>): the value the compiler wrote
/// (<see cref="Original"/>, checked against the instruction when <see cref="Validate"/>), the value for the target,
/// or <see cref="Poison"/> when the target has nothing to give; for field offsets also the field sizes, so that a
/// load of a field that changed width changes width too.
/// </summary>
internal sealed record CoreResult(ulong Original, ulong New, bool Poison, bool Validate)
{
    public static CoreResult Poisoned { get; } = new(0, 0, true, false);

    public int OriginalSize { get; init; }

    public int NewSize { get; init; }

    /// <summary>The field's width changed in a way a load cannot follow (signed integers, structs): poison loads of it.</summary>
    public bool FailMemorySizeAdjust { get; init; }
}
