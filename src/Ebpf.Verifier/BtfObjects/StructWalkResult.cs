namespace Ebpf.Verifier.BtfObjects;

/// <summary>What a load through a BTF-typed pointer reads: a number, a pointer to another struct, or nothing allowed (and why).</summary>
/// <param name="PointeeId">For a pointer member, the id of its struct in the target BTF; 0 for a number.</param>
/// <param name="Problem">Why the access is refused; null when it is allowed.</param>
internal readonly record struct StructWalkResult(int PointeeId, string? Problem)
{
    /// <summary>A number.</summary>
    public static StructWalkResult Scalar => default;

    /// <summary>A pointer to the struct <paramref name="typeId"/>.</summary>
    public static StructWalkResult Pointer(int typeId) => new(typeId, null);

    /// <summary>A refused access.</summary>
    public static StructWalkResult Refused(string problem) => new(0, problem);
}
