using Ebpf.Core.Isa;

namespace Ebpf.Verifier.Tests.Soundness;

/// <summary>
/// Short random XDP programs, cheap to verify: straight-line and branchy chunks over the stack (fixed and variable
/// offsets), the context, and the packet behind bounds checks whose constants sit near the accesses they guard, so that
/// some are right, some off by a few bytes, and the verifier's line between them is what the property tests.
/// </summary>
internal static class RandomPrograms
{
    private const byte Alu64 = 0x07, Alu32 = 0x04, Jmp = 0x05, Jmp32 = 0x06, SourceX = 0x08;
    private static readonly byte[] Sizes = [0x00, 0x08, 0x10, 0x18];      // w, h, b, dw (in the size field)
    private static readonly int[] Widths = [4, 2, 1, 8];
    private static readonly byte[] AluOps = [0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0];
    private static readonly byte[] JumpOps = [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0];
    private static readonly Register[] Scalars = [Register.R0, Register.R7, Register.R8, Register.R9];
    private static readonly int[] Masks = [0x3, 0x7, 0xf, 0x1f, 0x3f, 0xff, -64, -16];

    /// <summary>A program: r6 = ctx, r2 = data, r3 = data_end, scalars set, then 2 to 12 random chunks and exit.</summary>
    public static Instruction[] Generate(Random random)
    {
        var code = new List<Instruction>
        {
            Alu(Alu64 | 0xb0 | SourceX, Register.R6, Register.R1, 0),
            Load(0, Register.R2, Register.R6, 0),
            Load(0, Register.R3, Register.R6, 4),
        };
        foreach (var scalar in Scalars)
        {
            code.Add(Alu(Alu64 | 0xb0, scalar, 0, random.Next(-100, 100)));
        }

        // The 64 bytes below r10 are written, so most stack reads read something.
        for (var offset = -64; offset < 0; offset += 8)
        {
            code.Add(new Instruction(0x7a, Register.R10, 0, (short)offset, random.Next(-100, 100)));
        }

        for (var chunks = random.Next(2, 9); chunks > 0; chunks--)
        {
            code.AddRange(Chunk(random, 0));
        }

        if (random.Next(5) > 0)
        {
            code.Add(Alu(Alu64 | 0xb0, Register.R0, 0, random.Next(0, 5)));
        }

        code.Add(new Instruction(0x95, 0, 0, 0, 0));
        return [.. code];
    }

    private static List<Instruction> Chunk(Random random, int depth) => random.Next(depth < 2 ? 21 : 18) switch
    {
        < 4 => Arithmetic(random),
        < 7 => PacketAccess(random, variable: false),
        < 9 => PacketAccess(random, variable: true),
        < 11 => StackAccess(random),
        < 12 => VariableStackAccess(random),
        < 14 => ContextLoad(random),
        < 16 => [Alu(Alu64 | 0xb0 | SourceX, Pick(random), Pick(random), 0)],
        < 17 => PointerArithmetic(random),
        < 18 => [Alu(Alu64 | 0x50, Pick(random), 0, Masks[random.Next(Masks.Length)])],
        _ => Branch(random, depth),
    };

    private static List<Instruction> Arithmetic(Random random)
    {
        var op = AluOps[random.Next(AluOps.Length)];
        var cls = random.Next(3) == 0 ? Alu32 : Alu64;
        return random.Next(2) == 0 || op == 0x80
            ? [Alu((byte)(cls | op), Pick(random), 0, Constant(random))]
            : [Alu((byte)(cls | op | SourceX), Pick(random), Pick(random), 0)];
    }

    /// <summary><c>r4 = r2 (+ scalar &amp; mask); r1 = r4 + K; if r1 &gt; r3 skip; access r4 + off</c>, with the check's form varied.</summary>
    private static List<Instruction> PacketAccess(Random random, bool variable)
    {
        var code = new List<Instruction> { Alu(Alu64 | 0xb0 | SourceX, Register.R4, Register.R2, 0) };
        if (variable)
        {
            code.Add(Alu(Alu64 | 0xb0 | SourceX, Register.R5, Pick(random), 0));
            code.Add(Alu(Alu64 | 0x50, Register.R5, 0, Masks[random.Next(Masks.Length)]));
            code.Add(Alu(Alu64 | SourceX, Register.R4, Register.R5, 0));
        }

        var reach = random.Next(1, 48);
        code.Add(Alu(Alu64 | 0xb0 | SourceX, Register.R1, Register.R4, 0));
        code.Add(Alu(Alu64, Register.R1, 0, reach));
        var body = new List<Instruction>();
        var size = random.Next(Sizes.Length);
        var offset = (short)Math.Max(0, reach - Widths[size] + random.Next(-3, 3));
        switch (random.Next(3))
        {
            case 0: body.Add(Load(Sizes[size], Register.R5, Register.R4, offset)); body.Add(Alu(Alu64 | 0xb0 | SourceX, Pick(random), Register.R5, 0)); break;
            case 1: body.Add(new Instruction((byte)(0x63 | Sizes[size]), Register.R4, Pick(random), offset, 0)); break;
            default: body.Add(new Instruction((byte)(0x62 | Sizes[size]), Register.R4, 0, offset, random.Next(256))); break;
        }

        // The guard: usually right (leave when r1 > r3), sometimes the inclusive or the reversed comparison.
        code.Add(random.Next(6) switch
        {
            0 => Jump(Jmp | 0x30 | SourceX, Register.R1, Register.R3, body.Count),
            1 => Jump(Jmp | 0xa0 | SourceX, Register.R3, Register.R1, body.Count),
            2 => Jump(Jmp | 0x20 | SourceX, Register.R3, Register.R1, body.Count),
            _ => Jump(Jmp | 0x20 | SourceX, Register.R1, Register.R3, body.Count),
        });
        code.AddRange(body);
        return code;
    }

    private static List<Instruction> StackAccess(Random random)
    {
        var size = random.Next(Sizes.Length);
        var offset = (short)(random.Next(4) > 0 ? -Widths[size] * random.Next(1, 64 / Widths[size] + 1) : -random.Next(1, 530));
        return random.Next(3) switch
        {
            0 => [new Instruction((byte)(0x62 | Sizes[size]), Register.R10, 0, offset, Constant(random))],
            1 => [new Instruction((byte)(0x63 | Sizes[size]), Register.R10, Pick(random), offset, 0)],
            _ => [Load(Sizes[size], Pick(random), Register.R10, offset)],
        };
    }

    /// <summary><c>r4 = r10 - 64 + (scalar &amp; mask)</c>, then an access near it: within the frame or not, written or not.</summary>
    private static List<Instruction> VariableStackAccess(Random random)
    {
        var size = random.Next(Sizes.Length);
        var offset = (short)random.Next(-8, 8);
        return
        [
            Alu(Alu64 | 0xb0 | SourceX, Register.R5, Pick(random), 0),
            Alu(Alu64 | 0x50, Register.R5, 0, Masks[random.Next(Masks.Length)]),
            Alu(Alu64 | 0xb0 | SourceX, Register.R4, Register.R10, 0),
            Alu(Alu64, Register.R4, 0, -64),
            Alu(Alu64 | SourceX, Register.R4, Register.R5, 0),
            random.Next(2) == 0
                ? new Instruction((byte)(0x62 | Sizes[size]), Register.R4, 0, offset, Constant(random))
                : Load(Sizes[size], Pick(random), Register.R4, offset),
        ];
    }

    /// <summary>Mostly a 4-byte field of <c>xdp_md</c> (data and data_end give packet pointers), sometimes a wrong width or offset.</summary>
    private static List<Instruction> ContextLoad(Random random) => random.Next(4) > 0
        ? [Load(0, Pick(random), Register.R6, (short)(random.Next(0, 6) * 4))]
        : [Load(Sizes[random.Next(Sizes.Length)], random.Next(4) == 0 ? Register.R4 : Pick(random), Register.R6, (short)(random.Next(0, 8) * 4 - random.Next(2)))];

    /// <summary>Arithmetic on the packet pointers themselves: moving data forward (allowed) or operations that are not.</summary>
    private static List<Instruction> PointerArithmetic(Random random) => random.Next(5) switch
    {
        0 or 1 => [Alu(Alu64, Register.R2, 0, random.Next(0, 16))],
        2 => [Alu(Alu64 | SourceX, Register.R2, Pick(random), 0)],
        3 => [Alu((byte)(Alu64 | AluOps[random.Next(AluOps.Length)]), Register.R2, 0, Constant(random))],
        _ => [Alu(Alu64 | 0x10 | SourceX, Pick(random), Register.R2, 0)],
    };

    /// <summary>A conditional jump over the next chunk, on a scalar against a constant or another scalar.</summary>
    private static List<Instruction> Branch(Random random, int depth)
    {
        var inner = Chunk(random, depth + 1);
        var op = JumpOps[random.Next(JumpOps.Length)];
        var cls = random.Next(4) == 0 ? Jmp32 : Jmp;
        var jump = random.Next(3) == 0
            ? Jump((byte)(cls | op | SourceX), Pick(random), Pick(random), inner.Count)
            : new Instruction((byte)(cls | op), Pick(random), 0, (short)inner.Count, Constant(random));
        return [jump, .. inner];
    }

    private static Register Pick(Random random) => random.Next(40) == 0 ? Register.R4 : Scalars[random.Next(Scalars.Length)];

    private static int Constant(Random random) => random.Next(4) switch
    {
        0 => random.Next(-2, 3),
        1 => random.Next(0, 64),
        2 => 1 << random.Next(0, 31),
        _ => random.Next(),
    };

    private static Instruction Alu(int opcode, Register destination, Register source, int immediate) =>
        new((byte)opcode, destination, source, 0, immediate);

    private static Instruction Load(byte size, Register destination, Register source, short offset) =>
        new((byte)(0x61 | size), destination, source, offset, 0);

    private static Instruction Jump(int opcode, Register left, Register right, int skip) =>
        new((byte)opcode, left, right, (short)skip, 0);
}
