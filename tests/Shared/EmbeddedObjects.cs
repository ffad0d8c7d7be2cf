using System.Buffers.Binary;

namespace Ebpf.Testing;

/// <summary>
/// BPF objects embedded in a program, as libbpf skeletons embed them (<c>bpftool gen skeleton</c> puts the whole ELF
/// file in a byte array): every <c>\x7fELF</c> of class ELF64, little-endian, machine <c>EM_BPF</c> (247), cut at the end
/// of its section header table, which clang places last.
/// </summary>
internal static class EmbeddedObjects
{
    private const ushort MachineBpf = 247;
    private const int HeaderSize = 64;

    /// <summary>The objects inside <paramref name="file"/>'s bytes, in file order.</summary>
    public static IReadOnlyList<byte[]> Find(ReadOnlySpan<byte> file)
    {
        var found = new List<byte[]>();
        ReadOnlySpan<byte> magic = [0x7F, (byte)'E', (byte)'L', (byte)'F'];
        var at = 0;
        while (at < file.Length && file[at..].IndexOf(magic) is var next && next >= 0)
        {
            at += next;
            if (Size(file[at..]) is { } size)
            {
                found.Add(file.Slice(at, size).ToArray());
                at += size;
            }
            else
            {
                at++;
            }
        }

        return found;
    }

    /// <summary>The size of the BPF object starting at <paramref name="candidate"/>'s first byte, or null when it is not one.</summary>
    private static int? Size(ReadOnlySpan<byte> candidate)
    {
        if (candidate.Length < HeaderSize || candidate[4] != 2 || candidate[5] != 1
            || BinaryPrimitives.ReadUInt16LittleEndian(candidate[18..]) != MachineBpf)
        {
            return null;
        }

        var sectionHeaders = BinaryPrimitives.ReadUInt64LittleEndian(candidate[40..]);
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(candidate[58..]);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(candidate[60..]);
        var end = sectionHeaders + (ulong)entrySize * count;
        return entrySize == 64 && count > 0 && end <= (ulong)candidate.Length ? (int)end : null;
    }
}
