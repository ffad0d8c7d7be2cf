using Ebpf.Core.Isa;
using Ebpf.Runtime.Maps;
using Xunit.Abstractions;

namespace Ebpf.Runtime.Tests.Compilation;

/// <summary>
/// Random programs that are safe by construction: every register is written before it is read, memory accesses
/// stay inside the 64 bytes at r9 (the run's memory) or the 64 bytes below r10, atomics are aligned, jumps only go
/// forward (so every program ends) but for one counted loop of 1 to 4 trips in some programs, and helper calls update
/// an array map with a key below its size.
/// </summary>
internal sealed class RandomPrograms(Random random)
{
    /// <summary>Bytes of the memory r1 points to at entry.</summary>
    public const int MemorySize = 64;

    /// <summary>Entries of the array map (4-byte keys, 8-byte values).</summary>
    public const int MapEntries = 4;

    /// <summary>The seed of a differential test: <c>EBPF_SEED</c> when set, else a fresh one; printed so a failure can be repeated.</summary>
    public static int Seed(ITestOutputHelper output)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("EBPF_SEED"), out var given) ? given : Random.Shared.Next();
        output.WriteLine($"seed {seed} (set EBPF_SEED to repeat)");
        return seed;
    }

    /// <summary>Every value of the programs' array map, in key order: what a run left there, to compare engines.</summary>
    public static byte[] MapValues(BpfMap map)
    {
        var values = new List<byte>();
        for (uint key = 0; key < MapEntries; key++)
        {
            var value = new byte[8];
            map.Lookup(BitConverter.GetBytes(key), value);
            values.AddRange(value);
        }

        return [.. values];
    }

    private static readonly OpCodeInfo[] Arithmetic = [.. OpCodeTable.All.Where(f => f.Kind == OperationKind.Arithmetic)];
    private static readonly OpCodeInfo[] Jumps = [.. OpCodeTable.All.Where(f => f.Kind == OperationKind.Jump)];
    private static readonly OpCodeInfo[] Memory = [.. OpCodeTable.All.Where(f => f.Operation is Operation.Load or Operation.LoadSignExtend or Operation.Store or Operation.StoreImmediate)];
    private static readonly OpCodeInfo[] Atomics = [.. OpCodeTable.All.Where(f => f.Kind == OperationKind.Atomic)];
    private static readonly int[] Interesting = [0, 1, -1, 2, 7, 8, 31, 32, 63, 64, int.MinValue, int.MaxValue, 0x7fff, -0x8000, 0xff, 0x1234_5678];

    /// <summary>A program of about <paramref name="length"/> body instructions that updates the map at <paramref name="mapHandle"/>.</summary>
    public List<Instruction> Generate(int length, ulong mapHandle)
    {
        var code = new List<Instruction> { Mov(Register.R9, Register.R1) };
        for (var r = 0; r <= 8; r++)
        {
            LoadImm64(code, (Register)r, (ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 1));
        }

        for (var slot = 1; slot <= 8; slot++)
        {
            code.Add(new Instruction(0x7a, Register.R10, 0, (short)(-8 * slot), Immediate()));
        }

        // Body: jumps are placed as placeholders and patched once the body length is known.
        var bodyStart = code.Count;
        var jumps = new List<int>();
        var loopAt = random.Next(2) == 0 ? bodyStart + random.Next(length) : -1;
        while (code.Count - bodyStart < length)
        {
            if (loopAt >= 0 && code.Count >= loopAt)
            {
                CountedLoop(code, mapHandle);
                loopAt = -1;
                continue;
            }

            switch (random.Next(10))
            {
                case < 5: code.Add(ArithmeticInstruction()); break;
                case 5 or 6: code.Add(MemoryInstruction()); break;
                case 7: code.Add(AtomicInstruction()); break;
                case 8: jumps.Add(code.Count); code.Add(default); break;
                default: MapUpdate(code, mapHandle); break;
            }
        }

        var end = code.Count;
        foreach (var at in jumps)
        {
            code[at] = JumpInstruction(at, end);
        }

        // Fold every register into r0, so the result depends on all of them.
        for (var r = 1; r <= 8; r++)
        {
            code.Add(new Instruction(0xc7, Register.R0, 0, 0, 7)); // arsh r0, 7
            code.Add(new Instruction(0xaf, Register.R0, (Register)r, 0, 0)); // xor r0, rN
        }

        code.Add(new Instruction(0x95, 0, 0, 0, 0));
        return code;
    }

    /// <summary>
    /// A loop the JIT may emit twice (its small innermost loops): a counter in r6 to r8 set to 1 to 4, a random body that
    /// never writes the counter and whose jumps go forward inside the loop or to just past it, then the count down and
    /// the back edge. Nothing outside jumps into it but to its first instruction, which sets the counter.
    /// </summary>
    private void CountedLoop(List<Instruction> code, ulong mapHandle)
    {
        var counter = (Register)(6 + random.Next(3));
        code.Add(new Instruction(0xb7, counter, 0, 0, 1 + random.Next(4))); // mov counter, trips
        var head = code.Count;
        var jumps = new List<int>();
        var size = random.Next(1, 12);
        while (code.Count - head < size)
        {
            switch (random.Next(10))
            {
                case < 5: code.Add(Avoiding(counter, ArithmeticInstruction)); break;
                case 5 or 6: code.Add(Avoiding(counter, MemoryInstruction)); break;
                case 7: code.Add(Avoiding(counter, AtomicInstruction)); break;
                case 8: jumps.Add(code.Count); code.Add(default); break;
                default: if (random.Next(4) == 0) { MapUpdate(code, mapHandle); } break;
            }
        }

        code.Add(new Instruction(0x17, counter, 0, 0, 1)); // sub counter, 1
        var back = code.Count;
        code.Add(new Instruction(0x55, counter, 0, (short)(head - back - 1), 0)); // jne counter, 0, head

        // A jump to the back edge would skip the count down: such targets move on to just past the loop.
        _noTarget.Add(back);
        foreach (var at in jumps)
        {
            code[at] = JumpInstruction(at, back + 1);
        }

        for (var i = head; i <= back; i++)
        {
            _noTarget.Add(i);
        }
    }

    /// <summary>An instruction from <paramref name="next"/> that does not write <paramref name="counter"/>.</summary>
    private static Instruction Avoiding(Register counter, Func<Instruction> next)
    {
        while (true)
        {
            var instruction = next();
            // Atomics with a fetch write their source register; stores have r9 or r10 as their destination.
            var atomic = OpCodeTable.Find(instruction)!.Kind == OperationKind.Atomic;
            if (instruction.Destination != counter && !(atomic && instruction.Source == counter))
            {
                return instruction;
            }
        }
    }

    private int Immediate() => random.Next(3) == 0 ? random.Next() - random.Next() : Interesting[random.Next(Interesting.Length)];

    private Register AnyRegister() => (Register)random.Next(9);

    private static Instruction Mov(Register dst, Register src) => new(0xbf, dst, src, 0, 0);

    private readonly HashSet<int> _noTarget = [];

    private void LoadImm64(List<Instruction> code, Register dst, ulong value)
    {
        code.Add(new Instruction(0x18, dst, 0, 0, (int)(uint)value));
        _noTarget.Add(code.Count);
        code.Add(new Instruction(0, 0, 0, 0, (int)(uint)(value >> 32)));
    }

    private Instruction Build(OpCodeInfo form, Register dst, Register src, short offset, int immediate)
    {
        var instruction = new Instruction(form.Opcode,
            form.Uses.HasFlag(InstructionFields.Destination) ? dst : 0,
            form.Uses.HasFlag(InstructionFields.Source) ? src : 0,
            form.Uses.HasFlag(InstructionFields.Offset) ? offset : (short)0,
            form.Uses.HasFlag(InstructionFields.Immediate) ? immediate : 0);
        return form.Discriminator switch
        {
            InstructionFields.Offset => instruction with { Offset = (short)form.DiscriminatorValue },
            InstructionFields.Immediate => instruction with { Immediate = form.DiscriminatorValue },
            InstructionFields.Source => instruction with { Source = (Register)form.DiscriminatorValue },
            _ => instruction,
        };
    }

    private Instruction ArithmeticInstruction()
    {
        var form = Arithmetic[random.Next(Arithmetic.Length)];
        return Build(form, AnyRegister(), AnyRegister(), 0, Immediate());
    }

    private Instruction MemoryInstruction()
    {
        var form = Memory[random.Next(Memory.Length)];
        var size = form.Width / 8;
        var onStack = random.Next(2) == 0;
        var offset = onStack ? -(size + (random.Next(64 - size + 1) / size * size)) : random.Next(MemorySize - size + 1);
        var isLoad = form.Kind == OperationKind.Load;
        var @base = onStack ? Register.R10 : Register.R9;
        return Build(form, isLoad ? AnyRegister() : @base, isLoad ? @base : AnyRegister(), (short)offset, Immediate());
    }

    private Instruction AtomicInstruction()
    {
        var form = Atomics[random.Next(Atomics.Length)];
        var size = form.Width / 8;
        var offset = -(size * (1 + random.Next(64 / size)));
        return Build(form, Register.R10, AnyRegister(), (short)offset, 0);
    }

    private Instruction JumpInstruction(int at, int end)
    {
        var form = Jumps[random.Next(Jumps.Length)];
        var target = at + 1 + random.Next(Math.Min(4, end - at));
        while (_noTarget.Contains(target))
        {
            target++;
        }

        var distance = target - at - 1;
        var jump = Build(form, AnyRegister(), AnyRegister(), (short)distance, Immediate());
        return form.JumpTargetInImmediate ? jump with { Immediate = distance } : jump;
    }

    /// <summary>bpf_map_update_elem(map, &amp;key, &amp;stack slot, BPF_ANY); r1 to r5 are then written again.</summary>
    private void MapUpdate(List<Instruction> code, ulong mapHandle)
    {
        var start = code.Count;
        code.Add(new Instruction(0x62, Register.R10, 0, -72, random.Next(MapEntries))); // stw [r10-72], key
        LoadImm64(code, Register.R1, mapHandle);
        code.Add(Mov(Register.R2, Register.R10));
        code.Add(new Instruction(0x07, Register.R2, 0, 0, -72));
        code.Add(Mov(Register.R3, Register.R10));
        code.Add(new Instruction(0x07, Register.R3, 0, 0, -8 * (1 + random.Next(8))));
        code.Add(new Instruction(0xb7, Register.R4, 0, 0, 0));
        code.Add(new Instruction(0x85, 0, 0, 0, 2));
        for (var i = start + 1; i < code.Count; i++)
        {
            _noTarget.Add(i); // a jump into the sequence would skip setting up the call
        }
        for (var r = 1; r <= 5; r++)
        {
            code.Add(new Instruction(0xb7, (Register)r, 0, 0, Immediate()));
        }
    }
}
