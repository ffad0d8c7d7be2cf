namespace Ebpf.Core.Abi;

/// <summary>Assembles <see cref="AbiTable.Windows"/> from the Windows tables.</summary>
internal static class WindowsAbi
{
    /// <summary>eBPF for Windows' table, built once.</summary>
    public static AbiTable Table { get; } = new("windows", WindowsProgramTypes.All, WindowsHelpers.All, WindowsMapTypes.All);
}
