using System.Collections.Immutable;

namespace Ebpf.Core.Abi;

/// <summary>
/// Everything the verifier and the runtime know of a program type: its context, the helpers it may call and
/// what its return value means. The kernel spreads this over a <c>struct bpf_verifier_ops</c> per type
/// (<c>get_func_proto</c>, <c>is_valid_access</c>) and <c>check_return_code</c>; here it is data.
/// </summary>
/// <param name="Name">Its name as bpftool prints it (<c>xdp</c>, <c>cgroup_sock_addr</c>).</param>
/// <param name="Id">Its number in the platform's numbering (Linux: <see cref="ProgramType"/>).</param>
/// <param name="Context">The context passed in r1.</param>
/// <param name="Helpers">The numbers of the helpers its programs may call.</param>
/// <param name="ReturnValue">The meaning and accepted range of r0 at exit.</param>
public sealed record ProgramTypeDescriptor(
    string Name,
    int Id,
    ContextLayout Context,
    ImmutableSortedSet<int> Helpers,
    ReturnValueRule ReturnValue)
{
    /// <summary>
    /// The expected attach types a program of this type may declare and that change what it may do, in the
    /// platform's numbering; empty when none matters.
    /// </summary>
    public ImmutableArray<int> AttachTypes { get; init; } = [];

    /// <summary>
    /// True when the context's arguments are, in the kernel, typed by the BTF of the function or tracepoint the program
    /// attaches to (fentry, fexit, tp_btf: <c>PTR_TO_BTF_ID</c>), so that programs dereference pointer arguments
    /// directly. The verifier types them so when given the kernel's types; without them it reads them as numbers, and the
    /// flag lets it name what is missing when a program dereferences one.
    /// </summary>
    public bool HasBtfTypedArguments { get; init; }

    /// <summary>
    /// Helpers only this program type has, under numbers that may mean another helper to another type (eBPF for
    /// Windows numbers each extension's own helpers from 65536: <c>bpf_xdp_adjust_head</c> for XDP,
    /// <c>bpf_sock_addr_get_current_pid_tgid</c> for sock_addr). Their numbers are also in <see cref="Helpers"/>;
    /// <see cref="AbiTable.FindHelper(int, ProgramTypeDescriptor?)"/> looks here first. Empty on Linux, whose helper
    /// numbers are global.
    /// </summary>
    public ImmutableArray<HelperPrototype> SpecificHelpers { get; init; } = [];

    /// <summary>True when programs of this type may call helper <paramref name="helperId"/>.</summary>
    public bool CanCall(int helperId) => Helpers.Contains(helperId);
}
