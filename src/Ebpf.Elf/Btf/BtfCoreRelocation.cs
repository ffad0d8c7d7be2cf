namespace Ebpf.Elf.Btf;

/// <summary>
/// A CO-RE relocation: <c>struct bpf_core_relo { u32 insn_off; u32 type_id; u32 access_str_off; u32 kind; }</c>.
/// The access string is a colon-separated list of indexes (<c>0:1:0:5</c>: through the pointer, member 1,
/// member 0, element 5) for field relocations, or <c>0</c> for type and enum relocations.
/// </summary>
/// <param name="InstructionIndex">The instruction slot to patch, in its ELF section (insn_off / 8).</param>
/// <param name="TypeId">The type id of the root type in this object's BTF.</param>
/// <param name="AccessString">The access specification.</param>
/// <param name="Kind">What the relocation computes.</param>
public sealed record BtfCoreRelocation(int InstructionIndex, int TypeId, string AccessString, BtfCoreRelocationKind Kind);
