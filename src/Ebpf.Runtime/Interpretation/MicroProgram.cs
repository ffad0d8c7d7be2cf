using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Helpers;

namespace Ebpf.Runtime.Interpretation;

/// <summary>
/// A program lowered for the unchecked interpreter: one <see cref="MicroOp"/> per instruction slot and a sentinel past
/// the last, each specialised to what it does (see <see cref="MicroCode"/>), some fused with the next instruction.
/// </summary>
/// <remarks>
/// Each slot keeps an unfused operation of its own, so a jump, a return or a callback that enters at the second
/// instruction of a fused pair runs it alone: fusing needs no knowledge of where control enters.
/// <para>
/// Counting: <see cref="Before"/> holds how many instructions a straight run from slot 0 executes before each slot
/// (the second slot of <c>lddw</c> is not an instruction). A run keeps a bias such that its count is
/// <c>Before[pc] + bias</c>; only a taken jump or a local call changes it, by the operation's
/// <see cref="MicroOp.Delta"/>, so the count stays exact without a per-instruction increment.
/// </para>
/// </remarks>
internal sealed unsafe class MicroProgram
{
    private static readonly Operation[] s_alu =
        [Operation.Add, Operation.Sub, Operation.Mul, Operation.Div, Operation.Mod, Operation.Or, Operation.And,
            Operation.Lsh, Operation.Rsh, Operation.Arsh, Operation.Xor, Operation.Mov];

    public MicroProgram(DecodedProgram program, Step[] steps, HelperTable helpers)
    {
        var count = program.Count;
        Before = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            Before[i + 1] = Before[i] + (program.FormAt(i) is null ? 0 : 1);
        }

        Helpers = new HelperDefinition?[count];
        // Pinned, so that the loop walks a pointer; the last slot stays FellOffEnd.
        Ops = GC.AllocateArray<MicroOp>(count + 1, pinned: true);
        Code = (MicroOp*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Ops));
        for (var i = 0; i < count; i++)
        {
            Ops[i] = Lower(steps[i], i, helpers);
        }

        for (var i = 0; i + 1 < count; i++)
        {
            if (Fuse(Ops[i], Ops[i + 1]) is { } fused)
            {
                Ops[i] = fused;
                i++;
            }
        }
    }

    /// <summary>The micro-code, one operation per slot and <see cref="MicroCode.FellOffEnd"/> past the last.</summary>
    public MicroOp[] Ops { get; }

    /// <summary>The address of <see cref="Ops"/>' first element (the array is pinned and lives as long as this).</summary>
    public MicroOp* Code { get; }

    /// <summary>Instructions a straight run from slot 0 executes before each slot (and before the end).</summary>
    public int[] Before { get; }

    /// <summary>The helper each <see cref="MicroCode.Call"/> calls, by slot.</summary>
    public HelperDefinition?[] Helpers { get; }

    private MicroOp Lower(in Step s, int index, HelperTable helpers)
    {
        var op = new MicroOp { Dst = s.Destination, Src = s.Source, Imm = s.Immediate, Target = s.Offset };
        switch (s.Operation)
        {
            case Operation.Neg:
                op.Code = s.Is32Bit ? MicroCode.Neg32 : MicroCode.Neg;
                break;
            case Operation.Div or Operation.Mod when !s.UsesRegister && s.Immediate == 0:
                // RFC 9669 4.1: x / 0 is 0 and x % 0 is x (zero-extended when 32-bit), settled here, not per run.
                op.Code = s.Operation == Operation.Div ? Alu(MicroCode.MovImm, MicroCode.MovImm32, s.Is32Bit) : Alu(MicroCode.OrImm, MicroCode.OrImm32, s.Is32Bit);
                break;
            case <= Operation.ByteSwap when Array.IndexOf(s_alu, s.Operation) is var p and >= 0:
                op.Code = (MicroCode)((int)(s.UsesRegister ? Alu(MicroCode.AddReg, MicroCode.AddReg32, s.Is32Bit) : Alu(MicroCode.AddImm, MicroCode.AddImm32, s.Is32Bit)) + p);
                break;
            case <= Operation.ByteSwap:
                op.Code = MicroCode.GenericArithmetic;
                break;
            case Operation.Ja:
                op = Jump(MicroCode.Ja, s, index, index);
                break;
            case <= Operation.Jsle:
                var first = s.UsesRegister ? (s.Is32Bit ? MicroCode.JeqReg32 : MicroCode.JeqReg) : s.Is32Bit ? MicroCode.JeqImm32 : MicroCode.JeqImm;
                op = Jump((MicroCode)((int)first + (s.Operation - Operation.Jeq)), s, index, index);
                break;
            case Operation.Call when helpers.Find(s.Immediate) is { } helper:
                op.Code = MicroCode.Call;
                Helpers[index] = helper;
                break;
            case Operation.CallLocal:
                op = Jump(MicroCode.CallLocal, s, index, index);
                break;
            case Operation.Exit:
                op.Code = MicroCode.Exit;
                break;
            case Operation.LoadImm64 when s.PseudoSource is LoadImm64Source.Immediate or LoadImm64Source.CodeAddress:
                op.Code = MicroCode.LoadImm64;
                op.Wide = s.PseudoSource == LoadImm64Source.Immediate ? s.Immediate64 : Interpreter.FunctionAddressBase + (ulong)s.Target;
                break;
            case Operation.Load:
                op.Code = (MicroCode)((int)MicroCode.Load8 + WidthIndex(s.Width));
                break;
            case Operation.LoadSignExtend:
                op.Code = (MicroCode)((int)MicroCode.LoadSx8 + WidthIndex(s.Width));
                break;
            case Operation.Store:
                op.Code = (MicroCode)((int)MicroCode.Store8 + WidthIndex(s.Width));
                break;
            case Operation.StoreImmediate:
                op.Code = (MicroCode)((int)MicroCode.StoreImm8 + WidthIndex(s.Width));
                break;
            case >= Operation.AtomicAdd:
                op.Code = MicroCode.GenericAtomic;
                break;
            default:
                op.Code = MicroCode.Generic;
                break;
        }

        return op;
    }

    /// <summary>A jump (or local call) whose decision is at <paramref name="at"/>: its target and count delta.</summary>
    private MicroOp Jump(MicroCode code, in Step s, int index, int at) => new()
    {
        Code = code,
        Dst = s.Destination,
        Src = s.Source,
        Imm = s.Immediate,
        Target = s.Target,
        Delta = Before[at] + 1 - Before[s.Target],
    };

    /// <summary>
    /// The fused operation of two neighbours, or null when they are not a pair worth fusing: a register move and a
    /// 64-bit operation on the moved register, which clang emits for every three-operand expression.
    /// </summary>
    private static MicroOp? Fuse(in MicroOp first, in MicroOp second)
    {
        if (first.Code != MicroCode.MovReg || second.Dst != first.Dst)
        {
            return null;
        }

        var code = second.Code switch
        {
            >= MicroCode.AddImm and <= MicroCode.XorImm => MicroCode.MovAddImm + (second.Code - MicroCode.AddImm),
            >= MicroCode.AddReg and <= MicroCode.XorReg => MicroCode.MovAddReg + (second.Code - MicroCode.AddReg),
            _ => (MicroCode?)null,
        };

        // rd = rs; rd op= rd reads the moved value: rs op rs.
        var other = second.Src == first.Dst ? first.Src : second.Src;
        return code is { } fused ? new MicroOp { Code = fused, Dst = first.Dst, Src = first.Src, Other = other, Imm = second.Imm } : null;
    }

    private static MicroCode Alu(MicroCode wide, MicroCode narrow, bool is32Bit) => is32Bit ? narrow : wide;

    private static int WidthIndex(int width) => width switch
    {
        8 => 0,
        16 => 1,
        32 => 2,
        _ => 3,
    };
}
