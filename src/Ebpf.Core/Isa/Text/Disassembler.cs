namespace Ebpf.Core.Isa.Text;

/// <summary>
/// Prints instructions in the pseudo-C syntax of <c>llvm-objdump -d</c> and the Linux verifier log:
/// <c>r0 += r1</c>, <c>r2 = *(u32 *)(r1 + 4)</c>, <c>if r1 &gt; r2 goto +22</c>, <c>r1 = 1234 ll</c>.
/// </summary>
/// <remarks>
/// <para>
/// The output equals LLVM 14's <c>llvm-objdump -d</c> for every instruction it decodes; a test checks that
/// on real clang objects. Loads, stores and plain atomics name 64-bit registers whatever their width, as
/// <c>llvm-objdump -d</c> and the kernel's verifier log do; the 32-bit atomics that return a value name
/// the subregister (<c>w2 = atomic_fetch_add((u32 *)(r1 + 0), w2)</c>), as LLVM prints them under
/// <c>--mattr=+alu32</c>, because plain <c>-d</c> in LLVM 14 cannot decode the 32-bit atomics of v3.
/// </para>
/// <para>
/// For what LLVM 14 cannot print, the syntax of newer LLVM is used (<c>r0 s/= r1</c>, <c>r0 %= r1</c>,
/// <c>r0 = (s8)r1</c>, <c>r0 = *(s16 *)(r1 + 2)</c>, <c>r0 = bswap16 r0</c>, <c>if r1 &amp; r2 goto +1</c>,
/// <c>gotol +70000</c>, <c>callx r1</c>, <c>*(u32 *)(r10 - 4) = 7</c>), and a readable form of its own
/// for the pseudo sources of <c>lddw</c>, which LLVM prints as <c>ld_pseudo</c>
/// (<c>r1 = map[fd:3] ll</c>, <c>r1 = map_value[idx:0]+8 ll</c>).
/// </para>
/// <para>
/// Formatting is driven by the <see cref="OpCodeInfo"/> of each instruction (its operation, width,
/// operand source and class), never by the opcode bits again.
/// </para>
/// </remarks>
public static class Disassembler
{
    /// <summary>Formats one instruction.</summary>
    /// <param name="slot">The instruction; for <c>lddw</c>, its first slot.</param>
    /// <param name="form">The form of <paramref name="slot"/>, as <see cref="OpCodeTable.Find"/> or a <see cref="DecodedProgram"/> gives it.</param>
    /// <param name="immediate64">
    /// For <c>lddw</c>, the combined 64-bit immediate (low half from the first slot, high half from the
    /// second); when null, the high half is taken as zero. Ignored for every other instruction.
    /// </param>
    /// <param name="mapName">
    /// Names the map of a map-by-index reference (<c>lddw</c> pseudo sources 5 and 6), so that
    /// <c>map[idx:0]</c> prints as <c>map[flows]</c>; null or a null result keeps the index.
    /// </param>
    /// <returns>The text of the instruction, without address or trailing comment.</returns>
    public static string Format(in Instruction slot, OpCodeInfo form, ulong? immediate64 = null, Func<int, string?>? mapName = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Kind switch
        {
            OperationKind.Arithmetic => DisassemblerSyntax.Arithmetic(slot, form),
            OperationKind.Jump => DisassemblerSyntax.Jump(slot, form),
            OperationKind.Call => DisassemblerSyntax.Call(slot, form),
            OperationKind.Exit => "exit",
            OperationKind.Load => DisassemblerSyntax.Load(slot, form, immediate64 ?? (uint)slot.Immediate, mapName),
            OperationKind.Store => DisassemblerSyntax.Store(slot, form),
            _ => DisassemblerSyntax.Atomic(slot, form),
        };
    }

    /// <summary>Formats the instruction that starts at slot <paramref name="index"/> of a decoded program.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the program.</exception>
    /// <exception cref="ArgumentException"><paramref name="index"/> is the second slot of an <c>lddw</c>, which is not an instruction.</exception>
    public static string Format(DecodedProgram program, int index)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, program.Count);
        var form = program.FormAt(index)
            ?? throw new ArgumentException($"Slot {index} is the second half of an lddw, not an instruction.", nameof(index));
        ulong? immediate64 = form.Operation == Operation.LoadImm64 ? program.Immediate64At(index) : null;
        return Format(program.Slots[index], form, immediate64);
    }

    /// <summary>Formats a whole program, one line per instruction; the second slots of <c>lddw</c> have no line.</summary>
    /// <returns>The lines, without addresses: line <c>n</c> is the <c>n</c>-th instruction, not the <c>n</c>-th slot.</returns>
    public static IReadOnlyList<string> FormatProgram(DecodedProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var lines = new List<string>(program.Count);
        for (var i = 0; i < program.Count; i++)
        {
            if (program.FormAt(i) is not null)
            {
                lines.Add(Format(program, i));
            }
        }

        return lines;
    }
}
