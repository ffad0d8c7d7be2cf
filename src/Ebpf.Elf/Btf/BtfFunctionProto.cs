using System.Collections.Immutable;

namespace Ebpf.Elf.Btf;

/// <summary><c>BTF_KIND_FUNC_PROTO</c>: a return type and parameters (vlen of them).</summary>
/// <param name="Id">The type id.</param>
/// <param name="ReturnType">The return type id; 0 for <c>void</c>.</param>
/// <param name="Parameters">The parameters, including the trailing <c>...</c> marker of variadic functions.</param>
public sealed record BtfFunctionProto(int Id, int ReturnType, ImmutableArray<BtfParameter> Parameters) : BtfType(Id, "")
{
    /// <inheritdoc />
    public override BtfKind Kind => BtfKind.FunctionProto;

    /// <summary>True when the last parameter is the <c>...</c> marker (type 0, no name).</summary>
    public bool IsVariadic => Parameters.Length > 0 && Parameters[^1].Type == 0;
}
