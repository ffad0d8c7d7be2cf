using System.Buffers.Binary;

namespace Ebpf.Benchmarks;

/// <summary>
/// The baseline the issue measures the interpreter against: a naive switch loop, as one writes it first. Each step
/// reads its 8 bytes again and decodes the fields, one switch on the opcode; registers and the 512-byte stack are
/// allocated per run. Memory accesses are raw and unchecked (as our unchecked runs). No helper calls, so it runs
/// the bench programs that make none (the compute ones and <c>xdp_pass</c>).
/// </summary>
internal static unsafe class NaiveSwitchInterpreter
{
    /// <summary>Runs <paramref name="code"/> (instruction slots, little-endian) with r1 = <paramref name="context"/>; r0 at exit.</summary>
    public static ulong Run(byte[] code, ulong context)
    {
        var registers = new ulong[11];
        var stack = new byte[512];
        fixed (byte* frame = stack)
        {
            registers[1] = context;
            registers[10] = (ulong)(frame + 512);
            var pc = 0;
            while (true)
            {
                var slot = code.AsSpan(pc * 8, 8);
                var opcode = slot[0];
                var dst = slot[1] & 0x0f;
                var src = slot[1] >> 4;
                var offset = BinaryPrimitives.ReadInt16LittleEndian(slot[2..]);
                var imm = BinaryPrimitives.ReadInt32LittleEndian(slot[4..]);
                pc++;
                switch (opcode & 0x07)
                {
                    case 0x07 or 0x04:
                        var operand = (opcode & 0x08) != 0 ? registers[src] : (ulong)(long)imm;
                        var result = Alu(opcode & 0xf0, registers[dst], operand, (opcode & 0x07) == 0x07);
                        registers[dst] = (opcode & 0x07) == 0x07 ? result : (uint)result;
                        break;
                    case 0x05 or 0x06:
                        if ((opcode & 0xf0) == 0x90)
                        {
                            return registers[0];
                        }

                        var right = (opcode & 0x08) != 0 ? registers[src] : (ulong)(long)imm;
                        if ((opcode & 0xf0) == 0x00 || Taken(opcode & 0xf0, registers[dst], right, (opcode & 0x07) == 0x05))
                        {
                            pc += offset;
                        }

                        break;
                    case 0x01:
                        registers[dst] = Load(opcode & 0x18, registers[src] + (ulong)(long)offset);
                        break;
                    case 0x03:
                        Store(opcode & 0x18, registers[dst] + (ulong)(long)offset, registers[src]);
                        break;
                    case 0x02:
                        Store(opcode & 0x18, registers[dst] + (ulong)(long)offset, (ulong)(long)imm);
                        break;
                    case 0x00 when opcode == 0x18:
                        var high = BinaryPrimitives.ReadUInt32LittleEndian(code.AsSpan((pc * 8) + 4, 4));
                        registers[dst] = ((ulong)high << 32) | (uint)imm;
                        pc++;
                        break;
                    default:
                        throw new InvalidOperationException($"The naive interpreter has no opcode 0x{opcode:x2}.");
                }
            }
        }
    }

    private static ulong Alu(int operation, ulong left, ulong right, bool wide)
    {
        if (!wide)
        {
            left = (uint)left;
            right = (uint)right;
        }

        var shift = (int)(right & (wide ? 63UL : 31UL));
        return operation switch
        {
            0x00 => left + right,
            0x10 => left - right,
            0x20 => left * right,
            0x30 => right == 0 ? 0 : left / right,
            0x40 => left | right,
            0x50 => left & right,
            0x60 => left << shift,
            0x70 => left >> shift,
            0x80 => 0 - left,
            0x90 => right == 0 ? left : left % right,
            0xa0 => left ^ right,
            0xb0 => right,
            0xc0 => wide ? (ulong)((long)left >> shift) : (uint)((int)left >> shift),
            _ => throw new InvalidOperationException($"The naive interpreter has no ALU operation 0x{operation:x2}."),
        };
    }

    private static bool Taken(int operation, ulong left, ulong right, bool wide)
    {
        if (!wide)
        {
            left = (uint)left;
            right = (uint)right;
        }

        var (sl, sr) = wide ? ((long)left, (long)right) : ((int)left, (int)right);
        return operation switch
        {
            0x10 => left == right,
            0x20 => left > right,
            0x30 => left >= right,
            0x40 => (left & right) != 0,
            0x50 => left != right,
            0x60 => sl > sr,
            0x70 => sl >= sr,
            0xa0 => left < right,
            0xb0 => left <= right,
            0xc0 => sl < sr,
            0xd0 => sl <= sr,
            _ => throw new InvalidOperationException($"The naive interpreter has no jump 0x{operation:x2}."),
        };
    }

    private static ulong Load(int size, ulong address) => size switch
    {
        0x10 => *(byte*)address,
        0x08 => *(ushort*)address,
        0x00 => *(uint*)address,
        _ => *(ulong*)address,
    };

    private static void Store(int size, ulong address, ulong value)
    {
        switch (size)
        {
            case 0x10:
                *(byte*)address = (byte)value;
                break;
            case 0x08:
                *(ushort*)address = (ushort)value;
                break;
            case 0x00:
                *(uint*)address = (uint)value;
                break;
            default:
                *(ulong*)address = value;
                break;
        }
    }
}
