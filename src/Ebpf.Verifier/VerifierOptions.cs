using Ebpf.Core.Abi;
using Ebpf.Core.Types;

namespace Ebpf.Verifier;

/// <summary>How a program is verified.</summary>
public sealed record VerifierOptions
{
    /// <summary>
    /// The platform whose program types, contexts and helper prototypes the program is checked against; null (the
    /// default) for the program's own (<see cref="Core.Specs.ProgramSpec.Abi"/>: Linux's, or eBPF for Windows' for a
    /// <c>bind</c> program).
    /// </summary>
    public AbiTable? Abi { get; init; }

    /// <summary>Record the abstract state before each instruction (<c>ebpf verify --verbose</c>).</summary>
    public bool RecordStates { get; init; }

    /// <summary>
    /// The kernel's types, against which BTF-typed pointers (<c>PTR_TO_BTF_ID</c>) are modelled as the kernel's verifier
    /// does: the arguments of fentry, fexit, fmod_ret, tp_btf and iterator programs typed from their attach target's
    /// prototype, loads through them checked against the struct's members. Usually the running kernel's BTF, the one CO-RE
    /// relocations were applied against (<c>Ebpf.Elf.Btf.BtfTargetTypes.Of(ObjectReadOptions)</c>). Null (the default,
    /// and what loading a program to run in user mode uses, where no kernel objects exist): arguments are numbers and a
    /// load through one is refused with <see cref="Core.Diagnostics.DiagnosticCode.BtfTypedPointerUnsupported"/>.
    /// </summary>
    public ITargetTypes? TargetTypes { get; init; }

    /// <summary>The defaults: the program's own ABI, no state recording, no target types.</summary>
    public static VerifierOptions Default { get; } = new();
}
