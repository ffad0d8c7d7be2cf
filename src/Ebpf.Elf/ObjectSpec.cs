using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Elf.Btf;

namespace Ebpf.Elf;

/// <summary>Everything an object file holds, as plain data: programs, maps, license, BTF. Deterministic for the same bytes.</summary>
/// <param name="Name">The object's name (its file name without extension).</param>
/// <param name="License">The <c>license</c> section's string; empty when absent.</param>
/// <param name="KernelVersion">The <c>version</c> section of old objects, if present.</param>
/// <param name="Programs">Programs, in section and symbol order.</param>
/// <param name="Maps">Maps: BTF and legacy definitions, then global data, in section order; <c>lddw</c> map indexes point here.</param>
/// <param name="Warnings">What the reader skipped or could not classify, without refusing the object.</param>
public sealed record ObjectSpec(
    string Name,
    string License,
    uint? KernelVersion,
    ImmutableArray<ProgramSpec> Programs,
    ImmutableArray<MapSpec> Maps,
    ImmutableArray<Diagnostic> Warnings)
{
    /// <summary>The object's BTF, if it has a usable <c>.BTF</c> section.</summary>
    public BtfSpec? Btf { get; init; }

    /// <summary>Function info, line info and CO-RE relocations from <c>.BTF.ext</c>, by ELF section.</summary>
    public BtfExt? BtfExt { get; init; }

    /// <summary>The program named <paramref name="name"/>, or null.</summary>
    public ProgramSpec? FindProgram(string name) => Programs.FirstOrDefault(p => p.Name == name);

    /// <summary>The map named <paramref name="name"/>, or null.</summary>
    public MapSpec? FindMap(string name) => Maps.FirstOrDefault(m => m.Name == name);
}
