using System.Runtime.CompilerServices;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Memory;

namespace Ebpf.Runtime.Interpretation;

/// <summary>Loads, stores and atomics on native memory, with the checked mode's access validation.</summary>
public sealed unsafe partial class Interpreter
{
    private MemoryFault? MemoryOperation(in Step s, ulong* regs, ref RunState state, int depth, bool isChecked)
    {
        var size = s.Width / 8;
        var isLoad = s.Operation is Operation.Load or Operation.LoadSignExtend;
        var address = (isLoad ? regs[s.Source] : regs[s.Destination]) + (ulong)(long)s.Offset;
        if (isChecked && CheckAccess(address, size, !isLoad, ref state, depth) is { } denied)
        {
            return denied;
        }

        switch (s.Operation)
        {
            case Operation.Load:
                regs[s.Destination] = Load(address, size);
                return null;
            case Operation.LoadSignExtend:
                regs[s.Destination] = (ulong)Arithmetic.SignExtend(Load(address, size), s.Width);
                return null;
            case Operation.Store:
                Store(address, size, regs[s.Source]);
                return null;
            case Operation.StoreImmediate:
                Store(address, size, (ulong)(long)s.Immediate);
                return null;
            default:
                if (isChecked && address % (ulong)size != 0)
                {
                    return new MemoryFault(DiagnosticCode.MisalignedAtomic,
                        $"{size}-byte atomic at 0x{address:x} is not aligned to {size} bytes", address);
                }

                Atomic(s, regs, address);
                return null;
        }
    }

    private static ulong Load(ulong address, int size) => size switch
    {
        1 => *(byte*)address,
        2 => Unsafe.ReadUnaligned<ushort>((void*)address),
        4 => Unsafe.ReadUnaligned<uint>((void*)address),
        _ => Unsafe.ReadUnaligned<ulong>((void*)address),
    };

    private static void Store(ulong address, int size, ulong value)
    {
        switch (size)
        {
            case 1: *(byte*)address = (byte)value; break;
            case 2: Unsafe.WriteUnaligned((void*)address, (ushort)value); break;
            case 4: Unsafe.WriteUnaligned((void*)address, (uint)value); break;
            default: Unsafe.WriteUnaligned((void*)address, value); break;
        }
    }

    private static void Atomic(in Step s, ulong* regs, ulong address)
    {
        var value = regs[s.Source];
        if (s.Width == 64)
        {
            ref var cell = ref Unsafe.AsRef<ulong>((void*)address);
            var old = s.Operation switch
            {
                Operation.AtomicAdd or Operation.AtomicFetchAdd => Interlocked.Add(ref cell, value) - value,
                Operation.AtomicOr or Operation.AtomicFetchOr => Interlocked.Or(ref cell, value),
                Operation.AtomicAnd or Operation.AtomicFetchAnd => Interlocked.And(ref cell, value),
                Operation.AtomicXor or Operation.AtomicFetchXor => ExchangeXor(ref cell, value),
                Operation.AtomicExchange => Interlocked.Exchange(ref cell, value),
                _ => Interlocked.CompareExchange(ref cell, value, regs[0]),
            };
            Deliver(s, regs, old);
        }
        else
        {
            ref var cell = ref Unsafe.AsRef<uint>((void*)address);
            var narrow = (uint)value;
            var old = s.Operation switch
            {
                Operation.AtomicAdd or Operation.AtomicFetchAdd => Interlocked.Add(ref cell, narrow) - narrow,
                Operation.AtomicOr or Operation.AtomicFetchOr => Interlocked.Or(ref cell, narrow),
                Operation.AtomicAnd or Operation.AtomicFetchAnd => Interlocked.And(ref cell, narrow),
                Operation.AtomicXor or Operation.AtomicFetchXor => ExchangeXor(ref cell, narrow),
                Operation.AtomicExchange => Interlocked.Exchange(ref cell, narrow),
                _ => Interlocked.CompareExchange(ref cell, narrow, (uint)regs[0]),
            };
            Deliver(s, regs, old);
        }
    }

    /// <summary>Fetching forms return the old value in src; cmpxchg returns it in r0 (zero-extended when 32-bit).</summary>
    private static void Deliver(in Step s, ulong* regs, ulong old)
    {
        if (s.Operation == Operation.AtomicCompareExchange)
        {
            regs[0] = old;
        }
        else if (s.Operation >= Operation.AtomicFetchAdd)
        {
            regs[s.Source] = old;
        }
    }

    private static ulong ExchangeXor(ref ulong cell, ulong value)
    {
        ulong old;
        do
        {
            old = Volatile.Read(ref cell);
        }
        while (Interlocked.CompareExchange(ref cell, old ^ value, old) != old);
        return old;
    }

    private static uint ExchangeXor(ref uint cell, uint value)
    {
        uint old;
        do
        {
            old = Volatile.Read(ref cell);
        }
        while (Interlocked.CompareExchange(ref cell, old ^ value, old) != old);
        return old;
    }

    /// <summary>Null when the access is allowed; otherwise a fault that names the nearest region.</summary>
    private static MemoryFault? CheckAccess(ulong address, int size, bool write, ref RunState state, int depth)
    {
        var stack = new MemoryRegion(state.StackTop - (ulong)((depth + 1) * StackFrameSize), (ulong)((depth + 1) * StackFrameSize), true, "stack");
        var kind = write ? "write" : "read";
        if (stack.Contains(address, size))
        {
            return null;
        }

        var regions = state.Regions;
        foreach (var region in regions)
        {
            if (region.Contains(address, size))
            {
                return !write || region.Writable
                    ? null
                    : new MemoryFault(DiagnosticCode.ReadOnlyWrite, $"{size}-byte write at 0x{address:x} into read-only {region}", address);
            }
        }

        return new MemoryFault(DiagnosticCode.OutOfBoundsAccess, $"{size}-byte {kind} at 0x{address:x} {Describe(address, size, stack, regions)}", address);
    }

    private static string Describe(ulong address, int size, MemoryRegion stack, IEnumerable<MemoryRegion> regions)
    {
        if (address < 4096)
        {
            return "dereferences a null pointer";
        }

        MemoryRegion? nearest = null;
        ulong best = ulong.MaxValue;
        foreach (var region in regions.Prepend(stack))
        {
            var distance = address < region.Start ? region.Start - address : address + (ulong)size - (region.Start + region.Length);
            if (distance < best)
            {
                (best, nearest) = (distance, region);
            }
        }

        var near = nearest!.Value;
        return address < near.Start
            ? $"is {near.Start - address} bytes before {near}"
            : $"overruns {near} by {address + (ulong)size - (near.Start + near.Length)} bytes";
    }

    private readonly record struct MemoryFault(DiagnosticCode Code, string Message, ulong Address);
}
