using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Specs;

namespace Ebpf.Verifier.Tests.Golden;

/// <summary>One case of <c>testdata/verifier/*.yaml</c>: a program, its maps, and the verdict the verifier must reach.</summary>
/// <param name="File">The YAML file's name.</param>
/// <param name="Name">The case's name, unique in the corpus.</param>
/// <param name="Check">The check of issue 5 the case exercises (<c>packet bounds</c>).</param>
/// <param name="Type">The program type.</param>
/// <param name="AttachType">The expected attach type, if any.</param>
/// <param name="Maps">The maps <c>lddw map_idx N</c> indexes.</param>
/// <param name="Code">The program in the assembler's syntax.</param>
/// <param name="Expected">Null when the program must be accepted, otherwise the rejection expected.</param>
/// <param name="AttachTarget">What the section names after its prefix (<c>fentry/do_unlinkat</c>: <c>do_unlinkat</c>), if anything.</param>
/// <param name="Btf">The target BTF file (in <c>testdata/verifier/btf</c>) BTF-typed pointers are checked against, if any.</param>
internal sealed record VerifierCase(
    string File,
    string Name,
    string Check,
    ProgramType Type,
    AttachType? AttachType,
    ImmutableArray<MapSpec> Maps,
    string Code,
    ExpectedRejection? Expected,
    string? AttachTarget = null,
    string? Btf = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}: {Name}";
}
