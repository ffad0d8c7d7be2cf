namespace Ebpf.Core.Isa;

/// <summary>The eleven registers of the eBPF machine (RFC 9669 section 2.4).</summary>
/// <remarks>
/// R0 holds return values, R1 to R5 carry arguments and are clobbered by calls, R6 to R9 are
/// callee-saved, and R10 is the read-only frame pointer.
/// </remarks>
public enum Register : byte
{
    /// <summary>Return value of helpers, local calls and the program.</summary>
    R0,
    /// <summary>First argument; the context at program entry.</summary>
    R1,
    /// <summary>Second argument.</summary>
    R2,
    /// <summary>Third argument.</summary>
    R3,
    /// <summary>Fourth argument.</summary>
    R4,
    /// <summary>Fifth argument.</summary>
    R5,
    /// <summary>Callee-saved.</summary>
    R6,
    /// <summary>Callee-saved.</summary>
    R7,
    /// <summary>Callee-saved.</summary>
    R8,
    /// <summary>Callee-saved.</summary>
    R9,
    /// <summary>Read-only frame pointer: the top of the current 512-byte stack frame.</summary>
    R10,
}
