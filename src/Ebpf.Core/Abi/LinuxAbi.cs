namespace Ebpf.Core.Abi;

/// <summary>Assembles <see cref="AbiTable.Linux"/> from the Linux tables.</summary>
internal static class LinuxAbi
{
    /// <summary>Linux's table, built once.</summary>
    public static AbiTable Table { get; } = new("linux", LinuxProgramTypes.All, LinuxHelpers.All, LinuxMapTypes.All);
}
