using Ebpf.Core.Abi;
using Ebpf.Runtime.Helpers.Linux;

namespace Ebpf.Runtime.Helpers.Windows;

/// <summary>
/// eBPF for Windows' helpers under its numbers (<see cref="WindowsHelperId"/>): each prototype of
/// <see cref="AbiTable.Windows"/> bound to the Linux implementation of the same helper, so engines run one set of
/// helpers whatever numbering a program was compiled with. <c>bpf_trace_printk2</c> to <c>5</c> are Linux's
/// <c>bpf_trace_printk</c>, which takes the same registers; the few Linux lacks are <see cref="WindowsOnlyHelpers"/>.
/// A program type's own helpers (numbered from 65536, per type) are added by <see cref="For"/>.
/// </summary>
public static class WindowsHelpers
{
    private static readonly Dictionary<string, HelperFunction> WindowsOnly = new(StringComparer.Ordinal)
    {
        ["ktime_get_boot_ms"] = WindowsOnlyHelpers.KtimeBootMs,
        ["ktime_get_ms"] = WindowsOnlyHelpers.KtimeMs,
        ["get_current_logon_id"] = WindowsOnlyHelpers.CurrentLogonId,
        ["is_current_admin"] = WindowsOnlyHelpers.IsCurrentAdmin,
        ["sock_addr_get_current_pid_tgid"] = TimeHelpers.CurrentPidTgid,
        ["sock_addr_set_redirect_context"] = WindowsOnlyHelpers.SetRedirectContext,
    };

    /// <summary>Every general helper of Windows' table that has an implementation here.</summary>
    public static HelperTable Table { get; } = AbiTable.Windows.Helpers.Aggregate(HelperTable.Empty, Bind);

    // After Table, which it extends (static initializers run in order).
    private static readonly Dictionary<int, HelperTable> ByProgramType = AbiTable.Windows.ProgramTypes
        .ToDictionary(t => t.Id, t => t.SpecificHelpers.Aggregate(Table, Bind));

    /// <summary>The helpers programs of Windows program type <paramref name="programType"/> call: the general ones and the type's own.</summary>
    public static HelperTable For(int programType) => ByProgramType.GetValueOrDefault(programType, Table);

    private static HelperTable Bind(HelperTable table, HelperPrototype prototype)
    {
        var name = prototype.Name["bpf_".Length..];
        var linuxName = name.StartsWith("trace_printk", StringComparison.Ordinal) ? "trace_printk" : name;
        if (WindowsOnly.TryGetValue(name, out var own))
        {
            return table.With(prototype.Id, name, own);
        }

        return LinuxHelpers.Table.All.FirstOrDefault(h => h.Name == linuxName) is { } implementation
            ? table.With(prototype.Id, name, implementation.Function)
            : table;
    }
}
