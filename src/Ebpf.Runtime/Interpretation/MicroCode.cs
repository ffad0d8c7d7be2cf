namespace Ebpf.Runtime.Interpretation;

/// <summary>
/// The operations of the unchecked interpreter's micro-code (<see cref="MicroOp"/>): one per (operation, 32/64 bits,
/// immediate or register, width), so that its dispatch is one dense jump table and no case branches on a flag.
/// </summary>
/// <remarks>
/// Names: <c>Imm</c>/<c>Reg</c> is the source operand, a trailing <c>32</c> the ALU and JMP32 classes. What is rare
/// (signed division, sign-extending moves, byte swaps, atomics, legacy packet loads, calls through a register) runs
/// the reference code of its <see cref="Step"/> through <c>Generic*</c> operations. Fused operations run two
/// instructions in one dispatch; both are counted.
/// </remarks>
internal enum MicroCode : byte
{
    /// <summary>The slot past the last instruction: the run fell off the end.</summary>
    FellOffEnd,

    AddImm, SubImm, MulImm, DivImm, ModImm, OrImm, AndImm, LshImm, RshImm, ArshImm, XorImm, MovImm,
    AddReg, SubReg, MulReg, DivReg, ModReg, OrReg, AndReg, LshReg, RshReg, ArshReg, XorReg, MovReg,
    AddImm32, SubImm32, MulImm32, DivImm32, ModImm32, OrImm32, AndImm32, LshImm32, RshImm32, ArshImm32, XorImm32, MovImm32,
    AddReg32, SubReg32, MulReg32, DivReg32, ModReg32, OrReg32, AndReg32, LshReg32, RshReg32, ArshReg32, XorReg32, MovReg32,
    Neg, Neg32,

    /// <summary>Signed division and modulo, sign-extending moves, byte swaps: <see cref="Arithmetic"/> on the step.</summary>
    GenericArithmetic,

    Ja,
    JeqImm, JgtImm, JgeImm, JsetImm, JneImm, JsgtImm, JsgeImm, JltImm, JleImm, JsltImm, JsleImm,
    JeqReg, JgtReg, JgeReg, JsetReg, JneReg, JsgtReg, JsgeReg, JltReg, JleReg, JsltReg, JsleReg,
    JeqImm32, JgtImm32, JgeImm32, JsetImm32, JneImm32, JsgtImm32, JsgeImm32, JltImm32, JleImm32, JsltImm32, JsleImm32,
    JeqReg32, JgtReg32, JgeReg32, JsetReg32, JneReg32, JsgtReg32, JsgeReg32, JltReg32, JleReg32, JsltReg32, JsleReg32,

    Load8, Load16, Load32, Load64,
    LoadSx8, LoadSx16, LoadSx32,
    Store8, Store16, Store32, Store64,
    StoreImm8, StoreImm16, StoreImm32, StoreImm64,

    /// <summary><c>lddw</c> of a constant or of a function's address, folded into one 64-bit immediate.</summary>
    LoadImm64,

    /// <summary>A helper call by number, its helper resolved when the program was prepared.</summary>
    Call,
    CallLocal,
    Exit,

    /// <summary>Atomics: the step's reference code on an unchecked address.</summary>
    GenericAtomic,

    /// <summary>Calls through a register, unknown helpers, kfuncs, unresolved <c>lddw</c>, legacy packet loads: the step's reference code.</summary>
    Generic,

    /// <summary>Fused, <c>rd = rs; rd op= imm</c> as <c>rd = rs op imm</c> (64-bit), in the order of <see cref="AddImm"/> to <see cref="XorImm"/>.</summary>
    MovAddImm, MovSubImm, MovMulImm, MovDivImm, MovModImm, MovOrImm, MovAndImm, MovLshImm, MovRshImm, MovArshImm, MovXorImm,

    /// <summary>Fused, <c>rd = rs; rd op= rt</c> as <c>rd = rs op rt</c> (64-bit; <see cref="MicroOp.Other"/> is rt, or rs when rt is rd).</summary>
    MovAddReg, MovSubReg, MovMulReg, MovDivReg, MovModReg, MovOrReg, MovAndReg, MovLshReg, MovRshReg, MovArshReg, MovXorReg,
}
