namespace Ebpf.Runtime.Helpers.Linux;

/// <summary><c>bpf_strncmp</c> (182): compares a string of the program's memory with a constant string.</summary>
internal static unsafe class StringHelpers
{
    /// <summary>
    /// <c>strncmp(s1, s2, s1_sz)</c> as the kernel's <c>lib/string.c</c> computes it: bytes compared unsigned, at
    /// most <c>s1_sz</c> of them, stopping at a NUL; -1, 0 or 1. <c>s1_sz</c> is a u32 in the prototype.
    /// </summary>
    public static ulong Strncmp(HelperContext context, ulong s1, ulong s1Size, ulong s2, ulong _, ulong __)
    {
        var count = (uint)s1Size;
        if (!context.Require(s1, (ulong)count, false, "s1") || !ProgramMemory.TryReadConstString(context, s2, "s2", out var constant))
        {
            return Errno.Fault;
        }

        var first = (byte*)s1;
        for (var i = 0; i < count; i++)
        {
            var c1 = first[i];
            var c2 = i < constant.Length ? constant[i] : (byte)0;
            if (c1 != c2)
            {
                return c1 < c2 ? ulong.MaxValue : 1;
            }

            if (c1 == 0)
            {
                break;
            }
        }

        return 0;
    }
}
