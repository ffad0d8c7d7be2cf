namespace Ebpf.Core.Isa.Text;

/// <summary>What one operand of the conformance syntax is, and which instruction fields it fills.</summary>
internal enum OperandKind : byte
{
    /// <summary><c>%rN</c> into the destination field.</summary>
    Destination,

    /// <summary><c>%rN</c> into the source field.</summary>
    Source,

    /// <summary>A 32-bit immediate.</summary>
    Immediate,

    /// <summary>The 64-bit value of <c>lddw</c>, optionally preceded by a pseudo-source keyword (<c>map_fd 5</c>).</summary>
    Immediate64,

    /// <summary><c>[%rN+off]</c>: the source register and the offset (loads).</summary>
    SourceMemory,

    /// <summary><c>[%rN+off]</c>: the destination register and the offset (stores and atomics).</summary>
    DestinationMemory,

    /// <summary>A jump or local-call target: <c>+N</c>, <c>-N</c> or a label, into the offset or, for <c>ja32</c> and local calls, the immediate.</summary>
    Target,
}
