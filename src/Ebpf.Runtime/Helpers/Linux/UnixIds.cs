using System.Runtime.InteropServices;

namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>The calling process's user and group ids, from libc.</summary>
internal static partial class UnixIds
{
    [LibraryImport("libc", EntryPoint = "getuid")]
    public static partial uint UserId();

    [LibraryImport("libc", EntryPoint = "getgid")]
    public static partial uint GroupId();
}
