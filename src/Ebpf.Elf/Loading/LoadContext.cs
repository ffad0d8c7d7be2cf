using System.Collections.Immutable;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Elf.Btf;
using Ebpf.Elf.Format;

namespace Ebpf.Elf.Loading;

/// <summary>The state the loading steps share while one object is read.</summary>
internal sealed class LoadContext(ElfFile elf, string name)
{
    public ElfFile Elf { get; } = elf;

    public string Name { get; } = name;

    public string License { get; set; } = "";

    public uint? KernelVersion { get; set; }

    public BtfSpec? Btf { get; set; }

    public BtfExt? BtfExt { get; set; }

    public List<MapSpec> Maps { get; } = [];

    /// <summary>Map index by the (section, offset) of its definition or data: how relocations find maps.</summary>
    public Dictionary<(int Section, ulong Offset), int> MapsByLocation { get; } = [];

    /// <summary>Resolved <c>__kconfig</c> externs by symbol name: the <c>.kconfig</c> map and the value's offset in it.</summary>
    public Dictionary<string, (int Map, int Offset)> Externs { get; } = new(StringComparer.Ordinal);

    /// <summary>Global data map index by section.</summary>
    public Dictionary<int, int> DataMapsBySection { get; } = [];

    /// <summary>Instructions of each executable section, relocated in place.</summary>
    public Dictionary<int, Instruction[]> Code { get; } = [];

    /// <summary>Functions (programs and sub-programs) by section, in offset order.</summary>
    public Dictionary<int, List<FunctionUnit>> Functions { get; } = [];

    /// <summary>For each call or function-address lddw, the function it targets: (section, slot) to function.</summary>
    public Dictionary<(int Section, int Slot), FunctionUnit> CallTargets { get; } = [];

    public ImmutableArray<Diagnostic>.Builder Warnings { get; } = ImmutableArray.CreateBuilder<Diagnostic>();

    public FunctionUnit? FunctionAt(int section, int slot) =>
        Functions.TryGetValue(section, out var list) ? list.FirstOrDefault(f => f.Start == slot) : null;

    public FunctionUnit? FunctionContaining(int section, int slot) =>
        Functions.TryGetValue(section, out var list) ? list.FirstOrDefault(f => slot >= f.Start && slot < f.Start + f.Length) : null;
}

/// <summary>A function symbol in an executable section.</summary>
internal sealed record FunctionUnit(string Name, int Section, string SectionName, int Start, int Length, bool IsProgram);
