using Ebpf.Core.Abi;

namespace Ebpf.Runtime.Helpers.Windows;

/// <summary>
/// eBPF for Windows' helpers under its numbers (<see cref="WindowsHelperId"/>): each prototype of
/// <see cref="AbiTable.Windows"/> bound to the Linux implementation of the same helper, so engines run one set of
/// helpers whatever numbering a program was compiled with. <c>bpf_trace_printk2</c> to <c>5</c> are Linux's
/// <c>bpf_trace_printk</c>, which takes the same registers.
/// </summary>
public static class WindowsHelpers
{
    /// <summary>Every helper of Windows' table that has an implementation here.</summary>
    public static HelperTable Table { get; } = Build();

    private static HelperTable Build()
    {
        var table = HelperTable.Empty;
        foreach (var prototype in AbiTable.Windows.Helpers)
        {
            var name = prototype.Name["bpf_".Length..];
            var linuxName = name.StartsWith("trace_printk", StringComparison.Ordinal) ? "trace_printk" : name;
            if (Linux.LinuxHelpers.Table.All.FirstOrDefault(h => h.Name == linuxName) is { } implementation)
            {
                table = table.With(prototype.Id, name, implementation.Function);
            }
        }

        return table;
    }
}
