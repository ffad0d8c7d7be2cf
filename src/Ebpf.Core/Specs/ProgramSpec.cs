using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Isa;

namespace Ebpf.Core.Specs;

/// <summary>
/// A program as read from an object: plain data, no resources. Its instructions are linked (every
/// sub-program it calls is appended once) and relocated: map references are <c>lddw</c> with pseudo
/// source <see cref="LoadImm64Source.MapByIndex"/> or <see cref="LoadImm64Source.MapValueByIndex"/>
/// whose immediate is an index into the object's maps.
/// </summary>
/// <param name="Name">The function's name.</param>
/// <param name="SectionName">The ELF section it came from (<c>xdp</c>, <c>cgroup/bind4</c>).</param>
/// <param name="Type">
/// The program type the section name implies, in the numbering of <see cref="Platform"/>: a Windows program's type is
/// one of <see cref="WindowsProgramType"/>'s numbers, which Linux's enum would misname.
/// </param>
/// <param name="ExpectedAttachType">The attach type the section name implies, if any.</param>
/// <param name="AttachTarget">What follows the section prefix (<c>kprobe/do_sys_open</c> gives <c>do_sys_open</c>), if anything.</param>
/// <param name="Instructions">The linked and relocated instruction slots.</param>
/// <param name="Functions">The program's own function first, then each linked sub-program.</param>
/// <param name="Lines">The source line of each instruction slot, where BTF line info has one.</param>
public sealed record ProgramSpec(
    string Name,
    string SectionName,
    ProgramType Type,
    AttachType? ExpectedAttachType,
    string? AttachTarget,
    ImmutableArray<Instruction> Instructions,
    ImmutableArray<FunctionSpan> Functions,
    ImmutableArray<SourceLine?> Lines)
{
    /// <summary>
    /// Whose numbering the program was written for: Linux's unless its section is one only eBPF for Windows knows
    /// (<c>bind</c>), or the reader was told otherwise. It decides the ABI table that checks and runs it.
    /// </summary>
    public AbiPlatform Platform { get; init; } = AbiPlatform.Linux;

    /// <summary>The ABI table of <see cref="Platform"/>.</summary>
    public AbiTable Abi => AbiTable.For(Platform);

    /// <summary>True when the program is in a section the loader could not classify; it cannot be loaded.</summary>
    public bool IsTypeUnknown => Type == ProgramType.Unspecified;
}
