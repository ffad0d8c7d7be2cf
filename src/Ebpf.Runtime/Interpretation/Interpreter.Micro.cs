using System.Runtime.CompilerServices;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Execution;

namespace Ebpf.Runtime.Interpretation;

/// <summary>
/// The unchecked loop: runs a <see cref="MicroProgram"/>, one dense <c>switch</c> per operation, for programs that
/// run without checks or a budget (verified programs). Results, memory, faults and instruction counts are the
/// reference loop's (the differential tests compare them).
/// </summary>
public sealed unsafe partial class Interpreter
{
    /// <summary>Runs from <paramref name="entry"/> in frame <paramref name="baseDepth"/> until that frame exits.</summary>
    /// <remarks>
    /// Registers live in a stack array (16 entries: no register field can index past it); memory accesses are raw
    /// unaligned loads and stores, as the verifier proved them. The loop walks a pointer into the pinned micro-code;
    /// the count is <c>before[slot] + bias</c> (<see cref="MicroProgram"/>), the bias moved only off the straight path.
    /// Every case ends in its own <c>continue</c> (one jump back to the dispatch, not two), and the switch covers code
    /// 0 too (no rebasing before the jump table): each measurably faster. Optimized from the first call (no tiering).
    /// </remarks>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ExecutionResult ExecuteMicro(MicroProgram micro, ref RunState state, int entry, int baseDepth, ReadOnlySpan<ulong> arguments)
    {
        var regs = stackalloc ulong[16];
        new Span<ulong>(regs, 16).Clear(); // unset registers read as 0, as in the reference loop's unchecked runs
        var frames = stackalloc Frame[_options.MaxCallDepth];
        arguments.CopyTo(new Span<ulong>(regs + 1, 5));
        var depth = baseDepth;
        regs[10] = state.StackTop - (ulong)(depth * StackFrameSize);
        var before = micro.Before;
        var code = micro.Code;
        var op = code + entry;
        long bias = -before[entry];
        while (true)
        {
            switch (op->Code)
            {
                case MicroCode.AddImm:
                    regs[op->Dst] = regs[op->Dst] + (ulong)(long)op->Imm;
                    op++;
                    continue;
                case MicroCode.SubImm:
                    regs[op->Dst] = regs[op->Dst] - (ulong)(long)op->Imm;
                    op++;
                    continue;
                case MicroCode.MulImm:
                    regs[op->Dst] = regs[op->Dst] * (ulong)(long)op->Imm;
                    op++;
                    continue;
                case MicroCode.DivImm:
                    regs[op->Dst] = regs[op->Dst] / (ulong)(long)op->Imm;
                    op++;
                    continue;
                case MicroCode.ModImm:
                    regs[op->Dst] = regs[op->Dst] % (ulong)(long)op->Imm;
                    op++;
                    continue;
                case MicroCode.OrImm:
                    regs[op->Dst] = regs[op->Dst] | (ulong)(long)op->Imm;
                    op++;
                    continue;
                case MicroCode.AndImm:
                    regs[op->Dst] = regs[op->Dst] & (ulong)(long)op->Imm;
                    op++;
                    continue;
                case MicroCode.LshImm:
                    regs[op->Dst] = regs[op->Dst] << op->Imm;
                    op++;
                    continue;
                case MicroCode.RshImm:
                    regs[op->Dst] = regs[op->Dst] >> op->Imm;
                    op++;
                    continue;
                case MicroCode.ArshImm:
                    regs[op->Dst] = (ulong)((long)regs[op->Dst] >> op->Imm);
                    op++;
                    continue;
                case MicroCode.XorImm:
                    regs[op->Dst] = regs[op->Dst] ^ (ulong)(long)op->Imm;
                    op++;
                    continue;
                case MicroCode.MovImm:
                    regs[op->Dst] = (ulong)(long)op->Imm;
                    op++;
                    continue;
                case MicroCode.AddReg:
                    regs[op->Dst] = regs[op->Dst] + regs[op->Src];
                    op++;
                    continue;
                case MicroCode.SubReg:
                    regs[op->Dst] = regs[op->Dst] - regs[op->Src];
                    op++;
                    continue;
                case MicroCode.MulReg:
                    regs[op->Dst] = regs[op->Dst] * regs[op->Src];
                    op++;
                    continue;
                case MicroCode.DivReg:
                    regs[op->Dst] = Arithmetic.Evaluate64(Operation.Div, regs[op->Dst], regs[op->Src]);
                    op++;
                    continue;
                case MicroCode.ModReg:
                    regs[op->Dst] = Arithmetic.Evaluate64(Operation.Mod, regs[op->Dst], regs[op->Src]);
                    op++;
                    continue;
                case MicroCode.OrReg:
                    regs[op->Dst] = regs[op->Dst] | regs[op->Src];
                    op++;
                    continue;
                case MicroCode.AndReg:
                    regs[op->Dst] = regs[op->Dst] & regs[op->Src];
                    op++;
                    continue;
                case MicroCode.LshReg:
                    regs[op->Dst] = regs[op->Dst] << (int)regs[op->Src];
                    op++;
                    continue;
                case MicroCode.RshReg:
                    regs[op->Dst] = regs[op->Dst] >> (int)regs[op->Src];
                    op++;
                    continue;
                case MicroCode.ArshReg:
                    regs[op->Dst] = (ulong)((long)regs[op->Dst] >> (int)regs[op->Src]);
                    op++;
                    continue;
                case MicroCode.XorReg:
                    regs[op->Dst] = regs[op->Dst] ^ regs[op->Src];
                    op++;
                    continue;
                case MicroCode.MovReg:
                    regs[op->Dst] = regs[op->Src];
                    op++;
                    continue;
                case MicroCode.AddImm32:
                    regs[op->Dst] = (uint)regs[op->Dst] + (uint)op->Imm;
                    op++;
                    continue;
                case MicroCode.SubImm32:
                    regs[op->Dst] = (uint)regs[op->Dst] - (uint)op->Imm;
                    op++;
                    continue;
                case MicroCode.MulImm32:
                    regs[op->Dst] = (uint)regs[op->Dst] * (uint)op->Imm;
                    op++;
                    continue;
                case MicroCode.DivImm32:
                    regs[op->Dst] = (uint)regs[op->Dst] / (uint)op->Imm;
                    op++;
                    continue;
                case MicroCode.ModImm32:
                    regs[op->Dst] = (uint)regs[op->Dst] % (uint)op->Imm;
                    op++;
                    continue;
                case MicroCode.OrImm32:
                    regs[op->Dst] = (uint)regs[op->Dst] | (uint)op->Imm;
                    op++;
                    continue;
                case MicroCode.AndImm32:
                    regs[op->Dst] = (uint)regs[op->Dst] & (uint)op->Imm;
                    op++;
                    continue;
                case MicroCode.LshImm32:
                    regs[op->Dst] = (uint)regs[op->Dst] << op->Imm;
                    op++;
                    continue;
                case MicroCode.RshImm32:
                    regs[op->Dst] = (uint)regs[op->Dst] >> op->Imm;
                    op++;
                    continue;
                case MicroCode.ArshImm32:
                    regs[op->Dst] = (uint)((int)regs[op->Dst] >> op->Imm);
                    op++;
                    continue;
                case MicroCode.XorImm32:
                    regs[op->Dst] = (uint)regs[op->Dst] ^ (uint)op->Imm;
                    op++;
                    continue;
                case MicroCode.MovImm32:
                    regs[op->Dst] = (uint)op->Imm;
                    op++;
                    continue;
                case MicroCode.AddReg32:
                    regs[op->Dst] = (uint)regs[op->Dst] + (uint)regs[op->Src];
                    op++;
                    continue;
                case MicroCode.SubReg32:
                    regs[op->Dst] = (uint)regs[op->Dst] - (uint)regs[op->Src];
                    op++;
                    continue;
                case MicroCode.MulReg32:
                    regs[op->Dst] = (uint)regs[op->Dst] * (uint)regs[op->Src];
                    op++;
                    continue;
                case MicroCode.DivReg32:
                    regs[op->Dst] = Arithmetic.Evaluate32(Operation.Div, (uint)regs[op->Dst], (uint)regs[op->Src]);
                    op++;
                    continue;
                case MicroCode.ModReg32:
                    regs[op->Dst] = Arithmetic.Evaluate32(Operation.Mod, (uint)regs[op->Dst], (uint)regs[op->Src]);
                    op++;
                    continue;
                case MicroCode.OrReg32:
                    regs[op->Dst] = (uint)regs[op->Dst] | (uint)regs[op->Src];
                    op++;
                    continue;
                case MicroCode.AndReg32:
                    regs[op->Dst] = (uint)regs[op->Dst] & (uint)regs[op->Src];
                    op++;
                    continue;
                case MicroCode.LshReg32:
                    regs[op->Dst] = (uint)regs[op->Dst] << (int)regs[op->Src];
                    op++;
                    continue;
                case MicroCode.RshReg32:
                    regs[op->Dst] = (uint)regs[op->Dst] >> (int)regs[op->Src];
                    op++;
                    continue;
                case MicroCode.ArshReg32:
                    regs[op->Dst] = (uint)((int)regs[op->Dst] >> (int)regs[op->Src]);
                    op++;
                    continue;
                case MicroCode.XorReg32:
                    regs[op->Dst] = (uint)regs[op->Dst] ^ (uint)regs[op->Src];
                    op++;
                    continue;
                case MicroCode.MovReg32:
                    regs[op->Dst] = (uint)regs[op->Src];
                    op++;
                    continue;
                case MicroCode.JeqImm:
                    if (regs[op->Dst] == (ulong)(long)op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JgtImm:
                    if (regs[op->Dst] > (ulong)(long)op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JgeImm:
                    if (regs[op->Dst] >= (ulong)(long)op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsetImm:
                    if ((regs[op->Dst] & (ulong)(long)op->Imm) != 0) goto Taken;
                    op++;
                    continue;
                case MicroCode.JneImm:
                    if (regs[op->Dst] != (ulong)(long)op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsgtImm:
                    if ((long)regs[op->Dst] > op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsgeImm:
                    if ((long)regs[op->Dst] >= op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JltImm:
                    if (regs[op->Dst] < (ulong)(long)op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JleImm:
                    if (regs[op->Dst] <= (ulong)(long)op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsltImm:
                    if ((long)regs[op->Dst] < op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsleImm:
                    if ((long)regs[op->Dst] <= op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JeqReg:
                    if (regs[op->Dst] == regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JgtReg:
                    if (regs[op->Dst] > regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JgeReg:
                    if (regs[op->Dst] >= regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsetReg:
                    if ((regs[op->Dst] & regs[op->Src]) != 0) goto Taken;
                    op++;
                    continue;
                case MicroCode.JneReg:
                    if (regs[op->Dst] != regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsgtReg:
                    if ((long)regs[op->Dst] > (long)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsgeReg:
                    if ((long)regs[op->Dst] >= (long)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JltReg:
                    if (regs[op->Dst] < regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JleReg:
                    if (regs[op->Dst] <= regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsltReg:
                    if ((long)regs[op->Dst] < (long)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsleReg:
                    if ((long)regs[op->Dst] <= (long)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JeqImm32:
                    if ((uint)regs[op->Dst] == (uint)op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JgtImm32:
                    if ((uint)regs[op->Dst] > (uint)op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JgeImm32:
                    if ((uint)regs[op->Dst] >= (uint)op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsetImm32:
                    if (((uint)regs[op->Dst] & (uint)op->Imm) != 0) goto Taken;
                    op++;
                    continue;
                case MicroCode.JneImm32:
                    if ((uint)regs[op->Dst] != (uint)op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsgtImm32:
                    if ((int)regs[op->Dst] > op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsgeImm32:
                    if ((int)regs[op->Dst] >= op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JltImm32:
                    if ((uint)regs[op->Dst] < (uint)op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JleImm32:
                    if ((uint)regs[op->Dst] <= (uint)op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsltImm32:
                    if ((int)regs[op->Dst] < op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsleImm32:
                    if ((int)regs[op->Dst] <= op->Imm) goto Taken;
                    op++;
                    continue;
                case MicroCode.JeqReg32:
                    if ((uint)regs[op->Dst] == (uint)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JgtReg32:
                    if ((uint)regs[op->Dst] > (uint)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JgeReg32:
                    if ((uint)regs[op->Dst] >= (uint)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsetReg32:
                    if (((uint)regs[op->Dst] & (uint)regs[op->Src]) != 0) goto Taken;
                    op++;
                    continue;
                case MicroCode.JneReg32:
                    if ((uint)regs[op->Dst] != (uint)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsgtReg32:
                    if ((int)regs[op->Dst] > (int)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsgeReg32:
                    if ((int)regs[op->Dst] >= (int)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JltReg32:
                    if ((uint)regs[op->Dst] < (uint)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JleReg32:
                    if ((uint)regs[op->Dst] <= (uint)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsltReg32:
                    if ((int)regs[op->Dst] < (int)regs[op->Src]) goto Taken;
                    op++;
                    continue;
                case MicroCode.JsleReg32:
                    if ((int)regs[op->Dst] <= (int)regs[op->Src]) goto Taken;
                    op++;
                    continue;

                case MicroCode.Neg:
                    regs[op->Dst] = (ulong)-(long)regs[op->Dst];
                    op++;
                    continue;
                case MicroCode.Neg32:
                    regs[op->Dst] = (uint)-(int)regs[op->Dst];
                    op++;
                    continue;
                case MicroCode.Ja:
                    goto Taken;
                case MicroCode.Load8:
                    regs[op->Dst] = *(byte*)(regs[op->Src] + (ulong)(long)op->Target);
                    op++;
                    continue;
                case MicroCode.Load16:
                    regs[op->Dst] = Unsafe.ReadUnaligned<ushort>((void*)(regs[op->Src] + (ulong)(long)op->Target));
                    op++;
                    continue;
                case MicroCode.Load32:
                    regs[op->Dst] = Unsafe.ReadUnaligned<uint>((void*)(regs[op->Src] + (ulong)(long)op->Target));
                    op++;
                    continue;
                case MicroCode.Load64:
                    regs[op->Dst] = Unsafe.ReadUnaligned<ulong>((void*)(regs[op->Src] + (ulong)(long)op->Target));
                    op++;
                    continue;
                case MicroCode.LoadSx8:
                    regs[op->Dst] = (ulong)*(sbyte*)(regs[op->Src] + (ulong)(long)op->Target);
                    op++;
                    continue;
                case MicroCode.LoadSx16:
                    regs[op->Dst] = (ulong)Unsafe.ReadUnaligned<short>((void*)(regs[op->Src] + (ulong)(long)op->Target));
                    op++;
                    continue;
                case MicroCode.LoadSx32:
                    regs[op->Dst] = (ulong)Unsafe.ReadUnaligned<int>((void*)(regs[op->Src] + (ulong)(long)op->Target));
                    op++;
                    continue;
                case MicroCode.Store8:
                    *(byte*)(regs[op->Dst] + (ulong)(long)op->Target) = (byte)regs[op->Src];
                    op++;
                    continue;
                case MicroCode.Store16:
                    Unsafe.WriteUnaligned((void*)(regs[op->Dst] + (ulong)(long)op->Target), (ushort)regs[op->Src]);
                    op++;
                    continue;
                case MicroCode.Store32:
                    Unsafe.WriteUnaligned((void*)(regs[op->Dst] + (ulong)(long)op->Target), (uint)regs[op->Src]);
                    op++;
                    continue;
                case MicroCode.Store64:
                    Unsafe.WriteUnaligned((void*)(regs[op->Dst] + (ulong)(long)op->Target), regs[op->Src]);
                    op++;
                    continue;
                case MicroCode.StoreImm8:
                    *(byte*)(regs[op->Dst] + (ulong)(long)op->Target) = (byte)op->Imm;
                    op++;
                    continue;
                case MicroCode.StoreImm16:
                    Unsafe.WriteUnaligned((void*)(regs[op->Dst] + (ulong)(long)op->Target), (ushort)op->Imm);
                    op++;
                    continue;
                case MicroCode.StoreImm32:
                    Unsafe.WriteUnaligned((void*)(regs[op->Dst] + (ulong)(long)op->Target), op->Imm);
                    op++;
                    continue;
                case MicroCode.StoreImm64:
                    Unsafe.WriteUnaligned((void*)(regs[op->Dst] + (ulong)(long)op->Target), (long)op->Imm);
                    op++;
                    continue;
                case MicroCode.LoadImm64:
                    regs[op->Dst] = op->Wide;
                    op += 2;
                    continue;
                case MicroCode.MovAddImm:
                    regs[op->Dst] = regs[op->Src] + (ulong)(long)op->Imm;
                    op += 2;
                    continue;
                case MicroCode.MovSubImm:
                    regs[op->Dst] = regs[op->Src] - (ulong)(long)op->Imm;
                    op += 2;
                    continue;
                case MicroCode.MovMulImm:
                    regs[op->Dst] = regs[op->Src] * (ulong)(long)op->Imm;
                    op += 2;
                    continue;
                case MicroCode.MovDivImm:
                    regs[op->Dst] = regs[op->Src] / (ulong)(long)op->Imm;
                    op += 2;
                    continue;
                case MicroCode.MovModImm:
                    regs[op->Dst] = regs[op->Src] % (ulong)(long)op->Imm;
                    op += 2;
                    continue;
                case MicroCode.MovOrImm:
                    regs[op->Dst] = regs[op->Src] | (ulong)(long)op->Imm;
                    op += 2;
                    continue;
                case MicroCode.MovAndImm:
                    regs[op->Dst] = regs[op->Src] & (ulong)(long)op->Imm;
                    op += 2;
                    continue;
                case MicroCode.MovLshImm:
                    regs[op->Dst] = regs[op->Src] << op->Imm;
                    op += 2;
                    continue;
                case MicroCode.MovRshImm:
                    regs[op->Dst] = regs[op->Src] >> op->Imm;
                    op += 2;
                    continue;
                case MicroCode.MovArshImm:
                    regs[op->Dst] = (ulong)((long)regs[op->Src] >> op->Imm);
                    op += 2;
                    continue;
                case MicroCode.MovXorImm:
                    regs[op->Dst] = regs[op->Src] ^ (ulong)(long)op->Imm;
                    op += 2;
                    continue;
                case MicroCode.MovAddReg:
                    regs[op->Dst] = regs[op->Src] + regs[op->Other];
                    op += 2;
                    continue;
                case MicroCode.MovSubReg:
                    regs[op->Dst] = regs[op->Src] - regs[op->Other];
                    op += 2;
                    continue;
                case MicroCode.MovMulReg:
                    regs[op->Dst] = regs[op->Src] * regs[op->Other];
                    op += 2;
                    continue;
                case MicroCode.MovDivReg:
                    regs[op->Dst] = Arithmetic.Evaluate64(Operation.Div, regs[op->Src], regs[op->Other]);
                    op += 2;
                    continue;
                case MicroCode.MovModReg:
                    regs[op->Dst] = Arithmetic.Evaluate64(Operation.Mod, regs[op->Src], regs[op->Other]);
                    op += 2;
                    continue;
                case MicroCode.MovOrReg:
                    regs[op->Dst] = regs[op->Src] | regs[op->Other];
                    op += 2;
                    continue;
                case MicroCode.MovAndReg:
                    regs[op->Dst] = regs[op->Src] & regs[op->Other];
                    op += 2;
                    continue;
                case MicroCode.MovLshReg:
                    regs[op->Dst] = regs[op->Src] << (int)regs[op->Other];
                    op += 2;
                    continue;
                case MicroCode.MovRshReg:
                    regs[op->Dst] = regs[op->Src] >> (int)regs[op->Other];
                    op += 2;
                    continue;
                case MicroCode.MovArshReg:
                    regs[op->Dst] = (ulong)((long)regs[op->Src] >> (int)regs[op->Other]);
                    op += 2;
                    continue;
                case MicroCode.MovXorReg:
                    regs[op->Dst] = regs[op->Src] ^ regs[op->Other];
                    op += 2;
                    continue;
                case MicroCode.Exit:
                    if (depth == baseDepth)
                    {
                        return new ExecutionResult(regs[0], null, before[op - code] + 1 + bias);
                    }

                    goto default;
                case MicroCode.FellOffEnd:
                default:
                    // Calls, returns from sub-programs, what runs the step's reference code, the end.
                    var resume = Rare(micro, op, regs, frames, ref state, depth, baseDepth, bias, out var end);
                    if (resume.Op == null)
                    {
                        return end;
                    }

                    op = resume.Op;
                    depth = resume.Depth;
                    bias = resume.Bias;
                    continue;
            }

        Taken:
            bias += op->Delta;
            op = code + op->Target;
        }
    }
}
