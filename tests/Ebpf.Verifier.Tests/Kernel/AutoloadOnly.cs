using System.Buffers.Binary;
using System.Text;

namespace Ebpf.Verifier.Tests.Kernel;

/// <summary>
/// Rewrites an object so that libbpf loads one program section only: every other program section gets libbpf's
/// <c>?</c> prefix (<c>SEC("?kprobe/...")</c>, not loaded automatically), so <c>bpftool prog loadall</c> gives the
/// kernel's verdict on that section alone. The names are appended in a copy of the section name table placed after
/// the original bytes, so every offset into the old table (section and symbol names) stays valid.
/// </summary>
internal static class AutoloadOnly
{
    private const uint ExecutableFlag = 0x4;

    /// <summary>The program sections of <paramref name="elf"/> (executable, not empty, not <c>.text</c>), by section index.</summary>
    public static IReadOnlyList<(int Index, string Name)> ProgramSections(byte[] elf)
    {
        var (headers, count, names) = Layout(elf);
        var sections = new List<(int, string)>();
        for (var i = 1; i < count; i++)
        {
            var header = elf.AsSpan(headers + 64 * i, 64);
            var name = Name(elf, names, BinaryPrimitives.ReadUInt32LittleEndian(header));
            if ((BinaryPrimitives.ReadUInt64LittleEndian(header[8..]) & ExecutableFlag) != 0
                && BinaryPrimitives.ReadUInt64LittleEndian(header[32..]) > 0 && name != ".text")
            {
                sections.Add((i, name));
            }
        }

        return sections;
    }

    /// <summary>A copy of <paramref name="elf"/> in which only section <paramref name="keep"/> is loaded automatically.</summary>
    public static byte[] Keep(byte[] elf, int keep)
    {
        var (headers, _, names) = Layout(elf);
        var table = elf.AsSpan((int)Offset(elf, headers, names), (int)Size(elf, headers, names)).ToArray();
        var appended = new List<byte>(table);
        var renamed = new List<(int Index, int NameOffset)>();
        foreach (var (index, name) in ProgramSections(elf).Where(s => s.Index != keep))
        {
            renamed.Add((index, appended.Count));
            appended.AddRange(Encoding.ASCII.GetBytes("?" + name + "\0"));
        }

        var start = (elf.Length + 7) / 8 * 8;
        var result = new byte[start + appended.Count];
        elf.CopyTo(result, 0);
        appended.CopyTo(result, start);
        var tableHeader = result.AsSpan(headers + 64 * names, 64);
        BinaryPrimitives.WriteUInt64LittleEndian(tableHeader[24..], (ulong)start);
        BinaryPrimitives.WriteUInt64LittleEndian(tableHeader[32..], (ulong)appended.Count);
        foreach (var (index, offset) in renamed)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(headers + 64 * index), (uint)offset);
        }

        return result;
    }

    private static (int Headers, int Count, int Names) Layout(byte[] elf) =>
        ((int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(40)), BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(60)),
            BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(62)));

    private static ulong Offset(byte[] elf, int headers, int index) => BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(headers + 64 * index + 24));

    private static ulong Size(byte[] elf, int headers, int index) => BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(headers + 64 * index + 32));

    private static string Name(byte[] elf, int names, uint offset)
    {
        var (headers, _, _) = Layout(elf);
        var table = elf.AsSpan((int)Offset(elf, headers, names), (int)Size(elf, headers, names))[(int)offset..];
        return Encoding.ASCII.GetString(table[..table.IndexOf((byte)0)]);
    }
}
