using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Maps;

namespace Ebpf.Runtime.Compilation;

/// <summary>Helper calls (direct calls, map operations inlined where the map is known), local calls, <c>callx</c>.</summary>
internal sealed unsafe partial class FunctionEmitter
{
    private static readonly MethodInfo BeginHelper = typeof(JitRuntime).GetMethod(nameof(JitRuntime.BeginHelper))!;
    private static readonly MethodInfo EndHelper = typeof(JitRuntime).GetMethod(nameof(JitRuntime.EndHelper))!;
    private static readonly MethodInfo InvokeHelper = typeof(HelperFunction).GetMethod(nameof(HelperFunction.Invoke))!;
    private static readonly MethodInfo AsHelper = typeof(Unsafe).GetMethod(nameof(Unsafe.As), 1, [typeof(object)])!.MakeGenericMethod(typeof(HelperFunction));
    private static readonly FieldInfo ConstantValues = typeof(JitConstants).GetField(nameof(JitConstants.Values))!;
    private static readonly MethodInfo CallTooDeep = typeof(JitRuntime).GetMethod(nameof(JitRuntime.CallTooDeep))!;
    private static readonly MethodInfo CallIndirect = typeof(JitRuntime).GetMethod(nameof(JitRuntime.CallIndirect))!;
    private static readonly FieldInfo StackLimit = typeof(JitState).GetField(nameof(JitState.StackLimit), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo RunTailCalls = typeof(JitProgram).GetMethod(nameof(JitProgram.RunTailCalls), BindingFlags.Static | BindingFlags.NonPublic)!;

    /// <summary>Emits a call; returns whether execution may continue.</summary>
    private bool EmitCall(int index, Instruction slot, OpCodeInfo form)
    {
        switch (form.Operation)
        {
            case Operation.Call:
                if (_compiler.Helpers.Find(slot.Immediate) is not { } helper)
                {
                    EmitFault(DiagnosticCode.UnknownHelper, index, $"helper {slot.Immediate} is not available to this program");
                    return false;
                }

                if (!TryEmitMapOperation(helper))
                {
                    EmitHelperCall(index, helper);
                }

                break;
            case Operation.CallLocal:
                EmitLocalCall(index);
                break;
            case Operation.CallX:
                EmitIndirectCall(index, slot);
                break;
            default:
                EmitFault(DiagnosticCode.UnsupportedAtRuntime, index, $"kernel function {slot.Immediate} cannot be called in user mode");
                return false;
        }

        Array.Clear(_known, 0, 6);
        return true;
    }

    /// <summary>
    /// r0 = helper(context, r1..r5): a direct call when the helper is a static method, otherwise its delegate
    /// from the constants; then the context says whether the helper faulted, ended the program or tail-called.
    /// </summary>
    private void EmitHelperCall(int index, HelperDefinition helper)
    {
        var context = _context ??= _il.DeclareLocal(typeof(HelperContext), "context");
        LoadState();
        Load(Register.R10);
        _il.Emit(OpCodes.Call, BeginHelper);
        _il.Emit(OpCodes.Stloc, context);
        var direct = helper.Function.Method is { IsStatic: true } method && helper.Function.Target is null ? method : null;
        if (direct is null)
        {
            LoadConstant(helper.Function);
            _il.Emit(OpCodes.Call, AsHelper);
        }

        _il.Emit(OpCodes.Ldloc, context);
        for (var r = 1; r <= 5; r++)
        {
            Load(r);
        }

        _il.Emit(direct is null ? OpCodes.Callvirt : OpCodes.Call, direct ?? InvokeHelper);
        Store(Register.R0);
        LoadState();
        _il.Emit(OpCodes.Ldloc, context);
        Load(Register.R0);
        Load(Register.R1);
        _il.Emit(OpCodes.Ldc_I4, helper.Id);
        _il.Emit(OpCodes.Ldc_I4, index);
        _il.Emit(OpCodes.Call, EndHelper);
        Store(Register.R0);
        UnwindIfStopped();
    }

    /// <summary>
    /// A local call: the callee's frame lies right below the caller's, and a call that would pass the frame limit
    /// faults as in the interpreter. A callee that made a tail call has unwound to here: its target runs in the
    /// callee's frame, in its place, and r0 is the target's (<see cref="JitProgram.RunTailCalls"/>).
    /// </summary>
    private void EmitLocalCall(int index)
    {
        var deep = _il.DefineLabel();
        var ok = _il.DefineLabel();
        Load(Register.R10);
        _il.Emit(OpCodes.Ldc_I8, 2L * FrameSize);
        _il.Emit(OpCodes.Sub);
        LoadState();
        _il.Emit(OpCodes.Ldfld, StackLimit);
        _il.Emit(OpCodes.Bge_Un, ok);
        _il.MarkLabel(deep);
        LoadState();
        _il.Emit(OpCodes.Ldc_I4, index);
        _il.Emit(OpCodes.Call, CallTooDeep);
        _il.Emit(OpCodes.Br, _unwind);
        _il.MarkLabel(ok);
        _il.LoadArgument(0);
        Load(1);
        Load(Register.R10);
        _il.Emit(OpCodes.Ldc_I8, (long)FrameSize);
        _il.Emit(OpCodes.Sub);
        LoadState();
        for (var r = 2; r <= 5; r++)
        {
            Load(r);
        }

        _il.Emit(OpCodes.Call, _compiler.Functions[_program.TargetOf(index)]);
        Store(Register.R0);
        var done = _il.DefineLabel();
        LoadState();
        _il.Emit(OpCodes.Ldfld, StopField);
        _il.Emit(OpCodes.Brfalse, done);
        LoadState();
        _il.Emit(OpCodes.Ldfld, StopField);
        _il.Emit(OpCodes.Ldc_I4, (int)JitStop.TailCall);
        _il.Emit(OpCodes.Bne_Un, _unwind);
        LoadState();
        Load(Register.R10);
        _il.Emit(OpCodes.Ldc_I8, (long)FrameSize);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Call, RunTailCalls);
        Store(Register.R0);
        UnwindIfStopped();
        _il.MarkLabel(done);
    }

    private void EmitIndirectCall(int index, Instruction slot)
    {
        LoadState();
        Load(slot.Destination);
        for (var r = 1; r <= 5; r++)
        {
            Load(r);
        }

        Load(Register.R10);
        _il.Emit(OpCodes.Ldc_I4, index);
        _il.Emit(OpCodes.Call, CallIndirect);
        Store(Register.R0);
        UnwindIfStopped();
    }

    /// <summary>Pushes a constant object of the compiled program.</summary>
    private void LoadConstant(object value)
    {
        _il.LoadArgument(0);
        _il.Emit(OpCodes.Ldfld, ConstantValues);
        _il.Emit(OpCodes.Ldc_I4, _compiler.AddConstant(value));
        _il.Emit(OpCodes.Ldelem_Ref);
    }
}
