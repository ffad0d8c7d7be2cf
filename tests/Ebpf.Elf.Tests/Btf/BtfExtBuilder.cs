using System.Buffers.Binary;

namespace Ebpf.Elf.Tests.Btf;

/// <summary>Writes <c>.BTF.ext</c> sections by hand: each info block is a record size and (section name offset, records) groups.</summary>
internal sealed class BtfExtBuilder
{
    private readonly List<uint>[] _blocks = [[], [], []];

    /// <summary>Header length: 24 (without CO-RE fields) or 32.</summary>
    public uint HeaderLength { get; init; } = 32;

    /// <summary>Adds a group to info block <paramref name="block"/> (0 func info, 1 line info, 2 CO-RE); the first group sets the record size.</summary>
    public BtfExtBuilder Group(int block, uint recordSize, uint sectionNameOffset, params uint[][] records)
    {
        var words = _blocks[block];
        if (words.Count == 0)
        {
            words.Add(recordSize);
        }

        words.Add(sectionNameOffset);
        words.Add((uint)records.Length);
        foreach (var record in records)
        {
            words.AddRange(record);
        }

        return this;
    }

    public byte[] Build()
    {
        var data = _blocks.SelectMany(b => b).ToList();
        var section = new byte[HeaderLength + (data.Count * 4)];
        BinaryPrimitives.WriteUInt16LittleEndian(section, 0xeb9f);
        section[2] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(section.AsSpan(4), HeaderLength);
        var offset = 0u;
        for (var b = 0; b < 3 && 8 + (b * 8) < HeaderLength; b++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(section.AsSpan(8 + (b * 8)), offset);
            BinaryPrimitives.WriteUInt32LittleEndian(section.AsSpan(12 + (b * 8)), (uint)_blocks[b].Count * 4);
            offset += (uint)_blocks[b].Count * 4;
        }

        for (var i = 0; i < data.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(section.AsSpan((int)HeaderLength + (i * 4)), data[i]);
        }

        return section;
    }
}
