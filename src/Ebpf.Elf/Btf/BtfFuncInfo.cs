namespace Ebpf.Elf.Btf;

/// <summary>
/// Where a function starts: <c>struct bpf_func_info { u32 insn_off; u32 type_id; }</c>. In an object file
/// insn_off counts bytes from the start of the ELF section; it is exposed here as an instruction slot.
/// </summary>
/// <param name="InstructionIndex">The function's first instruction slot in its ELF section (insn_off / 8).</param>
/// <param name="TypeId">The type id of its <see cref="BtfFunction"/>.</param>
public sealed record BtfFuncInfo(int InstructionIndex, int TypeId);
