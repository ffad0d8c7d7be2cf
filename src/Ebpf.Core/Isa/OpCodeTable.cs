using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Ebpf.Core.Isa;

/// <summary>
/// Every valid eBPF instruction form (RFC 9669, including the v4 additions), built once: the single
/// source of truth for the decoder, the assembler, the disassembler and the engines.
/// </summary>
/// <remarks>
/// Opcode layout (RFC 9669 section 3):
/// <code>
/// arithmetic and jumps:   | operation:4 | source:1 | class:3 |
/// loads and stores:       | mode:3      | size:2   | class:3 |
/// </code>
/// </remarks>
public static class OpCodeTable
{
    private const InstructionFields Dst = InstructionFields.Destination;
    private const InstructionFields Src = InstructionFields.Source;
    private const InstructionFields Off = InstructionFields.Offset;
    private const InstructionFields Imm = InstructionFields.Immediate;

    private static readonly OpCodeInfo[][] ByOpcode = new OpCodeInfo[256][];

    /// <summary>All rows, indexed by <see cref="OpCodeInfo.Id"/>.</summary>
    public static ImmutableArray<OpCodeInfo> All { get; }

    /// <summary>Rows by conformance mnemonic (<c>add32</c>, <c>lock fetch or</c>); several rows differ by operand source.</summary>
    public static FrozenDictionary<string, ImmutableArray<OpCodeInfo>> ByMnemonic { get; }

    static OpCodeTable()
    {
        var rows = new List<OpCodeInfo>();
        void Add(byte opcode, Operation op, int width, OperandSource source, InstructionFields uses, string mnemonic,
            InstructionFields discriminator = InstructionFields.None, int discriminatorValue = 0) =>
            rows.Add(new OpCodeInfo(rows.Count, opcode, op, width, source, uses, discriminator, discriminatorValue, mnemonic));

        AddArithmetic(Add);
        AddJumps(Add);
        AddMemory(Add);

        All = [.. rows];
        foreach (var group in rows.GroupBy(r => r.Opcode))
        {
            ByOpcode[group.Key] = [.. group];
        }

        ByMnemonic = rows.GroupBy(r => r.Mnemonic)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
    }

    private delegate void RowSink(byte opcode, Operation op, int width, OperandSource source, InstructionFields uses,
        string mnemonic, InstructionFields discriminator = InstructionFields.None, int discriminatorValue = 0);

    /// <summary>The forms that share an opcode byte; empty for an unknown opcode.</summary>
    public static ReadOnlySpan<OpCodeInfo> FormsOf(byte opcode) => ByOpcode[opcode];

    /// <summary>Finds the form of an instruction by its opcode and discriminator, without checking other fields.</summary>
    public static OpCodeInfo? Find(in Instruction instruction)
    {
        foreach (var form in FormsOf(instruction.Opcode))
        {
            if (form.Discriminator == InstructionFields.None
                || instruction.Field(form.Discriminator) == form.DiscriminatorValue)
            {
                return form;
            }
        }

        return null;
    }

    private static void AddArithmetic(RowSink add)
    {
        (Operation Op, int Code, string Name)[] binary =
        [
            (Operation.Add, 0x00, "add"), (Operation.Sub, 0x10, "sub"), (Operation.Mul, 0x20, "mul"),
            (Operation.Div, 0x30, "div"), (Operation.Or, 0x40, "or"), (Operation.And, 0x50, "and"),
            (Operation.Lsh, 0x60, "lsh"), (Operation.Rsh, 0x70, "rsh"), (Operation.Mod, 0x90, "mod"),
            (Operation.Xor, 0xa0, "xor"), (Operation.Mov, 0xb0, "mov"), (Operation.Arsh, 0xc0, "arsh"),
        ];
        foreach (var (cls, width, suffix) in new[] { (InstructionClass.Alu64, 64, ""), (InstructionClass.Alu, 32, "32") })
        {
            foreach (var (op, code, name) in binary)
            {
                // div, mod and mov share their opcode with sdiv, smod and movsx: the offset tells them apart.
                var shared = op is Operation.Div or Operation.Mod or Operation.Mov;
                var disc = shared ? Off : InstructionFields.None;
                add((byte)(code | 0x00 | (int)cls), op, width, OperandSource.Immediate, Dst | Imm, name + suffix, disc, 0);
                add((byte)(code | 0x08 | (int)cls), op, width, OperandSource.Register, Dst | Src, name + suffix, disc, 0);
            }

            foreach (var (op, code, name) in new[] { (Operation.SDiv, 0x30, "sdiv"), (Operation.SMod, 0x90, "smod") })
            {
                add((byte)(code | 0x00 | (int)cls), op, width, OperandSource.Immediate, Dst | Imm, name + suffix, Off, 1);
                add((byte)(code | 0x08 | (int)cls), op, width, OperandSource.Register, Dst | Src, name + suffix, Off, 1);
            }

            // movsx: the offset is the width of the source (8, 16, or 32 for the 64-bit form only).
            foreach (var from in width == 64 ? new[] { 8, 16, 32 } : [8, 16])
            {
                add((byte)(0xb8 | (int)cls), Operation.MovSx, from, OperandSource.Register, Dst | Src,
                    $"movsx{from}{width}", Off, from);
            }

            add((byte)(0x80 | (int)cls), Operation.Neg, width, OperandSource.None, Dst, "neg" + suffix);
        }

        // Byte swaps: the immediate is the width. ALU|K is to-little-endian, ALU|X to-big-endian,
        // and ALU64|K the unconditional bswap of v4.
        foreach (var bits in new[] { 16, 32, 64 })
        {
            add(0xd4, Operation.ToLittleEndian, bits, OperandSource.None, Dst, $"le{bits}", Imm, bits);
            add(0xdc, Operation.ToBigEndian, bits, OperandSource.None, Dst, $"be{bits}", Imm, bits);
            add(0xd7, Operation.ByteSwap, bits, OperandSource.None, Dst, $"swap{bits}", Imm, bits);
        }
    }

    private static void AddJumps(RowSink add)
    {
        (Operation Op, int Code, string Name)[] conditions =
        [
            (Operation.Jeq, 0x10, "jeq"), (Operation.Jgt, 0x20, "jgt"), (Operation.Jge, 0x30, "jge"),
            (Operation.Jset, 0x40, "jset"), (Operation.Jne, 0x50, "jne"), (Operation.Jsgt, 0x60, "jsgt"),
            (Operation.Jsge, 0x70, "jsge"), (Operation.Jlt, 0xa0, "jlt"), (Operation.Jle, 0xb0, "jle"),
            (Operation.Jslt, 0xc0, "jslt"), (Operation.Jsle, 0xd0, "jsle"),
        ];
        foreach (var (cls, width, suffix) in new[] { (InstructionClass.Jmp, 64, ""), (InstructionClass.Jmp32, 32, "32") })
        {
            foreach (var (op, code, name) in conditions)
            {
                add((byte)(code | 0x00 | (int)cls), op, width, OperandSource.Immediate, Dst | Imm | Off, name + suffix);
                add((byte)(code | 0x08 | (int)cls), op, width, OperandSource.Register, Dst | Src | Off, name + suffix);
            }
        }

        add(0x05, Operation.Ja, 64, OperandSource.None, Off, "ja");
        add(0x06, Operation.Ja, 32, OperandSource.None, Imm, "ja32");
        add(0x85, Operation.Call, 64, OperandSource.Immediate, Imm, "call", Src, 0);
        add(0x85, Operation.CallLocal, 64, OperandSource.Immediate, Imm, "call local", Src, 1);
        add(0x85, Operation.CallKfunc, 64, OperandSource.Immediate, Imm, "call kfunc", Src, 2);
        add(0x8d, Operation.CallX, 64, OperandSource.None, Dst, "callx");
        add(0x95, Operation.Exit, 64, OperandSource.None, InstructionFields.None, "exit");
    }

    private static void AddMemory(RowSink add)
    {
        (int Code, int Bits, string Suffix)[] sizes = [(0x00, 32, "w"), (0x08, 16, "h"), (0x10, 8, "b"), (0x18, 64, "dw")];
        foreach (var (size, bits, suffix) in sizes)
        {
            add((byte)(0x61 | size), Operation.Load, bits, OperandSource.Register, Dst | Src | Off, "ldx" + suffix);
            add((byte)(0x62 | size), Operation.StoreImmediate, bits, OperandSource.Immediate, Dst | Off | Imm, "st" + suffix);
            add((byte)(0x63 | size), Operation.Store, bits, OperandSource.Register, Dst | Src | Off, "stx" + suffix);
            if (bits < 64)
            {
                add((byte)(0x81 | size), Operation.LoadSignExtend, bits, OperandSource.Register, Dst | Src | Off, "ldxs" + suffix);
                add((byte)(0x20 | size), Operation.LoadPacketAbsolute, bits, OperandSource.Immediate, Imm, "ldabs" + suffix);
                add((byte)(0x40 | size), Operation.LoadPacketIndirect, bits, OperandSource.Register, Src | Imm, "ldind" + suffix);
            }
        }

        add(0x18, Operation.LoadImm64, 64, OperandSource.Immediate, Dst | Src | Imm, "lddw");

        // Atomics: the immediate holds the operation, with BPF_FETCH (0x01) for the fetching forms.
        (Operation Op, int Code, string Name)[] atomics =
        [
            (Operation.AtomicAdd, 0x00, "add"), (Operation.AtomicOr, 0x40, "or"),
            (Operation.AtomicAnd, 0x50, "and"), (Operation.AtomicXor, 0xa0, "xor"),
            (Operation.AtomicFetchAdd, 0x01, "fetch add"), (Operation.AtomicFetchOr, 0x41, "fetch or"),
            (Operation.AtomicFetchAnd, 0x51, "fetch and"), (Operation.AtomicFetchXor, 0xa1, "fetch xor"),
            (Operation.AtomicExchange, 0xe1, "xchg"), (Operation.AtomicCompareExchange, 0xf1, "cmpxchg"),
        ];
        foreach (var (opcode, bits, suffix) in new[] { ((byte)0xdb, 64, ""), ((byte)0xc3, 32, "32") })
        {
            foreach (var (op, code, name) in atomics)
            {
                add(opcode, op, bits, OperandSource.Register, Dst | Src | Off, $"lock {name}{suffix}", Imm, code);
            }
        }
    }
}
