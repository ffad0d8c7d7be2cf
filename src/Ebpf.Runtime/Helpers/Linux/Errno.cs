namespace Ebpf.Runtime.Helpers.Linux;

/// <summary>Linux errno values helpers return to programs, negated, as the kernel does.</summary>
internal static class Errno
{
    public const ulong Ok = 0;
    public static readonly ulong Perm = unchecked((ulong)-1L);
    public static readonly ulong NoEntry = unchecked((ulong)-2L);
    public static readonly ulong Fault = unchecked((ulong)-14L);
    public static readonly ulong Invalid = unchecked((ulong)-22L);
    public static readonly ulong TooBig = unchecked((ulong)-7L);
    public static readonly ulong NoSpace = unchecked((ulong)-28L);
    public static readonly ulong NotSupported = unchecked((ulong)-95L);
    public static readonly ulong NoMemory = unchecked((ulong)-12L);
}
