using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Verifier.Domains;
using Ebpf.Verifier.Domains.Numeric;

namespace Ebpf.Verifier.Transfer;

internal sealed partial class Transformer
{
    /// <summary>The largest size a helper's memory argument may have (the kernel's <c>BPF_MAX_VAR_SIZ</c>).</summary>
    private const long MaxMemorySize = 1 << 29;

    private void CheckArgument(AbstractState state, int pc, HelperCallFacts call, int index, int depth)
    {
        var helper = call.Helper;
        var argument = helper.Arguments[index];
        var register = index + 1;
        var type = state.Registers[register];
        var what = $"r{register} (argument {register} of {helper.Name})";
        if (!type.IsInitialized)
        {
            Fail(state, pc, DiagnosticCode.UninitializedRegisterRead, $"{what} is read before it is written on some path");
            return;
        }

        if (argument.IsSize || (argument.MayBeNull && IsZero(state, register)))
        {
            return;
        }

        string? expected = null;
        switch (argument.Kind)
        {
            case HelperArgumentKind.Anything:
                // Reading kernel memory at an address is what the probe reads are for; a BTF object's address is one.
                if (type.Kind != ValueKind.Number && helper.LinuxId is not (HelperId.ProbeReadKernel or HelperId.ProbeReadKernelStr)
                    && !(type.Kind == ValueKind.BtfObject && helper.LinuxId is HelperId.ProbeRead or HelperId.ProbeReadStr))
                {
                    Fail(state, pc, DiagnosticCode.PointerLeak, $"{what} holds {Describe(state, register)}, where a number is expected: the address would leak");
                }

                return;
            case HelperArgumentKind.ConstMapPointer:
                if (type.Kind != ValueKind.MapPointer || type.MaybeNull)
                {
                    expected = "a map (lddw of a map reference)";
                    break;
                }

                call.Map = type.Map;
                if (helper.LinuxId == HelperId.TailCall && Maps[type.Map].Type != MapType.ProgArray)
                {
                    Fail(state, pc, DiagnosticCode.TailCallWithoutProgramArray,
                        $"bpf_tail_call through {Maps[type.Map].Name}, a {Maps[type.Map].Type} map: tail calls need a program array");
                }

                return;
            case HelperArgumentKind.PointerToMapKey or HelperArgumentKind.PointerToMapValue or HelperArgumentKind.PointerToUninitMapValue:
                if (call.Map < 0)
                {
                    expected = "a pointer to a key or value of the map argument, which is missing";
                    break;
                }

                var map = Maps[call.Map];
                var size = argument.Kind == HelperArgumentKind.PointerToMapKey ? map.KeySize : map.ValueSize;
                var uninit = argument.Kind == HelperArgumentKind.PointerToUninitMapValue;
                Memory(state, pc, register, what, (int)size, (int)size, read: !uninit, write: uninit, helper.AcceptsPacketPointers, depth);
                return;
            case HelperArgumentKind.PointerToReadableMemory or HelperArgumentKind.PointerToWritableMemory or HelperArgumentKind.PointerToUninitMemory:
                SizedMemory(state, pc, call, index, what, depth);
                return;
            case HelperArgumentKind.ConstAllocSizeOrZero:
                if (type.Kind != ValueKind.Number || !Signed(state, register).IsSingleton)
                {
                    expected = "a constant size";
                    break;
                }

                call.AllocSize = (int)Int128.Clamp(Signed(state, register).Lower, 0, int.MaxValue);
                return;
            case HelperArgumentKind.PointerToContext:
                expected = type.Kind == ValueKind.Context && Offset(state, register).Equals(Interval.Constant(0)) ? null : "the context, unmodified";
                break;
            case HelperArgumentKind.PointerToFunction:
                expected = type.Kind == ValueKind.Function ? null : "a function (lddw of a code address)";
                break;
            case HelperArgumentKind.PointerToStack:
                expected = type.Kind == ValueKind.Stack ? null : "a pointer to the stack";
                break;
            case HelperArgumentKind.PointerToAllocMemory:
                expected = type.Kind == ValueKind.Record && !type.MaybeNull && !type.Released && Offset(state, register).Equals(Interval.Constant(0))
                    ? null : "a ring buffer record from bpf_ringbuf_reserve, checked against null, unmodified";
                break;
            case HelperArgumentKind.PointerToBtfObject:
                if (BtfArgumentProblem(state, register, argument) is { } mismatch)
                {
                    Fail(state, pc, TargetTypes is null ? DiagnosticCode.BtfTypedPointerUnsupported : DiagnosticCode.BtfArgumentMismatch, $"{what} {mismatch}");
                }

                return;
            case HelperArgumentKind.PointerToConstString:
                expected = IsConstString(state, register) ? null : "a zero-terminated string in a read-only map (.rodata)";
                break;
        }

        if (expected is not null)
        {
            Fail(state, pc, DiagnosticCode.InvalidHelperArgument, $"{what} must be {expected}, but holds {Describe(state, register)}");
        }
    }

    /// <summary>A memory argument whose size is the next argument: a number bounded by a constant.</summary>
    private void SizedMemory(AbstractState state, int pc, HelperCallFacts call, int index, string what, int depth)
    {
        var argument = call.Helper.Arguments[index];
        var sizeRegister = index + 2;
        var sizeArgument = index + 1 < call.Helper.Arguments.Length ? call.Helper.Arguments[index + 1] : null;
        if (sizeArgument is null || !sizeArgument.IsSize || state.Registers[sizeRegister].Kind != ValueKind.Number)
        {
            Fail(state, pc, DiagnosticCode.HelperMemoryTooSmall, $"the size of {what} must be a number in r{sizeRegister}");
            return;
        }

        var sizes = Unsigned(state, sizeRegister);
        var minimum = sizeArgument.Kind == HelperArgumentKind.ConstSize ? 1 : 0;
        if (!sizes.IsFinite || sizes.Upper > MaxMemorySize || sizes.Lower < minimum)
        {
            Fail(state, pc, DiagnosticCode.HelperMemoryTooSmall,
                $"the size of {what}, r{sizeRegister}, may be {sizes}: it must be bounded, between {minimum} and {MaxMemorySize}");
            return;
        }

        if (sizes.Upper == 0)
        {
            return;
        }

        Memory(state, pc, index + 1, what, (int)sizes.Lower, (int)sizes.Upper,
            read: argument.Kind != HelperArgumentKind.PointerToUninitMemory,
            write: argument.Kind != HelperArgumentKind.PointerToReadableMemory,
            call.Helper.AcceptsPacketPointers, depth);
    }

    /// <summary>Checks that up to <paramref name="maxSize"/> bytes at a register lie in memory the helper may read or write, and records what it writes.</summary>
    private void Memory(AbstractState state, int pc, int register, string what, int minSize, int maxSize, bool read, bool write, bool allowPacket, int depth)
    {
        var type = state.Registers[register];
        var allowed = type.Kind switch
        {
            ValueKind.Stack or ValueKind.MapValue or ValueKind.Record => true,
            ValueKind.MapKey => !write,
            ValueKind.Packet or ValueKind.PacketMeta => allowPacket,
            _ => false,
        };
        if (!allowed && !type.MaybeNull)
        {
            var why = type.Kind is ValueKind.Packet or ValueKind.PacketMeta ? " (this helper does not take packet pointers)" : "";
            Fail(state, pc, DiagnosticCode.InvalidHelperArgument, $"{what} must point to {(write ? "writable" : "readable")} memory{why}, but holds {Describe(state, register)}");
            return;
        }

        if (CheckAccess(state, pc, register, 0, maxSize, write, depth) is not { } access || access.Type.Kind != ValueKind.Stack)
        {
            return;
        }

        var lower = (int)access.Offsets.Lower;
        var length = (int)access.Offsets.Upper + maxSize - lower;
        if (read && !state.IsInitialized(lower, length))
        {
            Fail(state, pc, DiagnosticCode.UninitializedStackRead,
                $"{what} points to {maxSize} stack bytes at r10{lower - FrameTop(FrameOf(lower))} that the helper reads, and some are not written on some path");
            return;
        }

        if (write)
        {
            ForgetCells(state, lower, length);
            if (access.ExactOffset is { } offset)
            {
                state.SetInitialized(offset, maxSize, true);
            }
        }

        _ = minSize;
    }

    private bool IsZero(AbstractState state, int register) =>
        state.Registers[register].Kind == ValueKind.Number && Signed(state, register) is { IsSingleton: true } value && value.Lower == 0;

    /// <summary>True for a pointer into a read-only map's value at a constant offset, with a zero byte after it in the map's initial bytes.</summary>
    private bool IsConstString(AbstractState state, int register)
    {
        var type = state.Registers[register];
        if (type.Kind != ValueKind.MapValue || type.MaybeNull || !Maps[type.Layout].IsReadOnlyForPrograms || Offset(state, register) is not { IsSingleton: true } offset)
        {
            return false;
        }

        var bytes = Maps[type.Layout].InitialValue;
        var start = (int)offset.Lower;
        return start >= 0 && start < Maps[type.Layout].ValueSize && (bytes.IsDefaultOrEmpty || bytes.AsSpan()[Math.Min(start, bytes.Length)..].Contains((byte)0));
    }
}
