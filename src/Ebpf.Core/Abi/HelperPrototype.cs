using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>
/// What the verifier knows of a helper: its number, name, result and arguments, as a kernel
/// <c>struct bpf_func_proto</c> states them. Runtimes supply the implementation under the same number.
/// </summary>
/// <param name="Id">The number programs call it by, in its platform's numbering.</param>
/// <param name="Name">Its name as the verifier log and disassembler print it (<c>bpf_map_lookup_elem</c>).</param>
/// <param name="Returns">What r0 holds after the call.</param>
/// <param name="Arguments">The arguments in r1 to r5, at most <see cref="MaxArguments"/>; registers past them are unused.</param>
public sealed record HelperPrototype(int Id, string Name, HelperReturnKind Returns, ImmutableArray<HelperArgument> Arguments)
{
    /// <summary>Helpers take their arguments in r1 to r5.</summary>
    public const int MaxArguments = 5;

    /// <summary>True when only programs under a GPL-compatible license may call it (<c>gpl_only</c>).</summary>
    public bool IsGplOnly { get; init; }

    /// <summary>True when memory arguments may point into the packet (<c>pkt_access</c>).</summary>
    public bool AcceptsPacketPointers { get; init; }

    /// <summary>
    /// True when the call may move the packet's start or end, so the verifier forgets every packet pointer it
    /// checked (the kernel's <c>bpf_helper_changes_pkt_data</c>: <c>bpf_xdp_adjust_head</c> and the like).
    /// </summary>
    public bool ChangesPacketData { get; init; }

    /// <summary>
    /// The number of the Linux helper this one is (the same semantics and implementation), or null for a helper Linux
    /// lacks. Linux's own prototypes carry their own number; another platform's renumbered ones carry Linux's, so that
    /// the verifier recognises <c>bpf_tail_call</c> under eBPF for Windows' number 5 as it does under Linux's 12.
    /// </summary>
    public int? LinuxId { get; init; }
    /// <summary>For <see cref="HelperReturnKind.PointerToBtfObject"/>, the struct's name in the kernel's BTF (<c>task_struct</c>).</summary>
    public string? ReturnedBtfStruct { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}#{Id}({string.Join(", ", Arguments)}) -> {Returns}";
}
