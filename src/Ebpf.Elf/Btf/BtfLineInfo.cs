namespace Ebpf.Elf.Btf;

/// <summary>
/// The source line of an instruction:
/// <c>struct bpf_line_info { u32 insn_off; u32 file_name_off; u32 line_off; u32 line_col; }</c>, with
/// <c>line_col = line &lt;&lt; 10 | column</c> (BPF_LINE_INFO_LINE_NUM, BPF_LINE_INFO_LINE_COL).
/// </summary>
/// <param name="InstructionIndex">The instruction slot in its ELF section (insn_off / 8).</param>
/// <param name="FileName">The source file as the compiler named it.</param>
/// <param name="LineText">The text of the source line, as the compiler recorded it.</param>
/// <param name="Line">1-based line number (0 when unknown).</param>
/// <param name="Column">1-based column (0 when unknown).</param>
public sealed record BtfLineInfo(int InstructionIndex, string FileName, string LineText, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path.GetFileName(FileName)}:{Line}:{Column}: {LineText.Trim()}";
}
