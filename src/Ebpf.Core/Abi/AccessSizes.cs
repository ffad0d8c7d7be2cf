namespace Ebpf.Core.Abi;

/// <summary>The widths a load or store may have, by size in bytes: <c>(AccessSizes)size</c> is the flag of one width.</summary>
[Flags]
public enum AccessSizes
{
    /// <summary>No access.</summary>
    None = 0,

    /// <summary>One byte (<c>BPF_B</c>).</summary>
    Byte = 1,

    /// <summary>Two bytes (<c>BPF_H</c>).</summary>
    HalfWord = 2,

    /// <summary>Four bytes (<c>BPF_W</c>).</summary>
    Word = 4,

    /// <summary>Eight bytes (<c>BPF_DW</c>).</summary>
    DoubleWord = 8,

    /// <summary>One, two or four bytes: a 32-bit field that also allows the kernel's narrow loads.</summary>
    UpToWord = Byte | HalfWord | Word,

    /// <summary>Any width.</summary>
    All = Byte | HalfWord | Word | DoubleWord,
}
