using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>
/// The context a program of some type receives in r1: a C structure with described fields, or, for
/// <see cref="MemoryBlock"/>, plain memory whose size only the run knows.
/// </summary>
/// <param name="TypeName">The C type (<c>struct xdp_md</c>); empty for a memory block.</param>
/// <param name="Size">The structure's size in bytes (<c>sizeof</c>); 0 for a memory block.</param>
/// <param name="Fields">The members, by offset; bytes no field covers are closed to programs.</param>
public sealed record ContextLayout(string TypeName, int Size, ImmutableArray<ContextField> Fields)
{
    /// <summary>A context that is an arbitrary block of memory given to each run: every byte may be loaded and stored.</summary>
    public static ContextLayout MemoryBlock { get; } = new(string.Empty, 0, []) { IsMemoryBlock = true };

    /// <summary>
    /// <c>sizeof</c> of the C type where it differs from <see cref="Size"/>: a structure ending in a flexible array
    /// (<c>bpf_raw_tracepoint_args.args[0]</c>) counts that array as 0 bytes, while programs may read as far as the
    /// kernel allows. Null when the two agree.
    /// </summary>
    public int? SizeInHeader { get; init; }

    /// <summary>
    /// False when <see cref="TypeName"/> names no C type of the platform's headers (a tracepoint's record, whose
    /// layout each event defines), so there is no <c>sizeof</c> or <c>offsetof</c> to compare with.
    /// </summary>
    public bool HasHeaderType { get; init; } = true;

    /// <summary>True for <see cref="MemoryBlock"/>: accesses are bounded by the run's memory, not by fields.</summary>
    public bool IsMemoryBlock { get; init; }

    /// <summary>The field named <paramref name="name"/>, or null.</summary>
    public ContextField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The field whose bytes include <paramref name="offset"/>, or null.</summary>
    public ContextField? FieldAt(int offset) => Fields.FirstOrDefault(f => offset >= f.Offset && offset < f.End);

    /// <summary>
    /// True when the access is allowed by the field at <paramref name="offset"/> (see <see cref="ContextField.Allows"/>);
    /// always true for a memory block, whose bounds are checked against the run's memory instead.
    /// </summary>
    public bool Allows(int offset, int size, bool isWrite, int? attachType) =>
        IsMemoryBlock || (FieldAt(offset) is { } field && field.Allows(offset, size, isWrite, attachType));
}
