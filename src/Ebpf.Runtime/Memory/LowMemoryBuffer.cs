using System.Runtime.InteropServices;

namespace Ebpf.Runtime.Memory;

/// <summary>
/// Zeroed native memory whose addresses fit in 32 bits. Linux's <c>struct xdp_md</c> and
/// <c>struct __sk_buff</c> hold packet pointers in 32-bit fields, which the kernel rewrites into 64-bit
/// loads; placing packets below 4 GiB lets programs use those fields as they are, at no cost per access.
/// </summary>
public sealed unsafe partial class LowMemoryBuffer : OwnedMemory
{
    private const ulong Limit = 1UL << 32;
    private readonly nuint _size;

    private LowMemoryBuffer(byte* pointer, nuint size, int length)
        : base(pointer)
    {
        _size = size;
        Length = length;
    }

    /// <summary>Length in bytes.</summary>
    public int Length { get; }

    /// <summary>The contents; the address (below 4 GiB) is <see cref="OwnedMemory.Address"/>.</summary>
    public Span<byte> Span => SpanOf(Length);

    /// <summary>Allocates <paramref name="length"/> zeroed bytes below 4 GiB.</summary>
    /// <exception cref="OutOfMemoryException">The operating system gave no memory below 4 GiB.</exception>
    public static LowMemoryBuffer Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var size = (nuint)((length + 0xfff) & ~0xfff);
        var pointer = OperatingSystem.IsWindows() ? AllocateWindows(size) : AllocateUnix(size);
        if (pointer == null)
        {
            throw new OutOfMemoryException($"no {size} bytes of memory below 4 GiB are available for packets");
        }

        return new LowMemoryBuffer(pointer, size, length);
    }

    private protected override void Free(byte* pointer)
    {
        if (OperatingSystem.IsWindows())
        {
            VirtualFree(pointer, 0, 0x8000);
        }
        else
        {
            munmap(pointer, _size);
        }
    }

    /// <summary>Hints walk up from 256 MiB; <c>MAP_FIXED_NOREPLACE</c> never displaces an existing mapping.</summary>
    private static byte* AllocateUnix(nuint size)
    {
        const int ProtReadWrite = 3, Private = 0x02, Anonymous = 0x20, Map32Bit = 0x40, FixedNoReplace = 0x100000;
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            var low = mmap(null, size, ProtReadWrite, Private | Anonymous | Map32Bit, -1, 0);
            if (low != (void*)-1 && (ulong)low + size <= Limit)
            {
                return (byte*)low;
            }
        }

        for (ulong hint = 0x1000_0000; hint + size <= Limit; hint += 0x1000_0000)
        {
            var flags = Private | Anonymous | (OperatingSystem.IsLinux() ? FixedNoReplace : 0);
            var mapped = mmap((void*)hint, size, ProtReadWrite, flags, -1, 0);
            if (mapped == (void*)-1)
            {
                continue;
            }

            if ((ulong)mapped + size <= Limit)
            {
                return (byte*)mapped;
            }

            munmap(mapped, size);
        }

        return null;
    }

    private static byte* AllocateWindows(nuint size)
    {
        const uint CommitReserve = 0x3000, ReadWrite = 0x04;
        for (ulong hint = 0x1000_0000; hint + size <= Limit; hint += 0x1000_0000)
        {
            var pointer = VirtualAlloc((void*)hint, size, CommitReserve, ReadWrite);
            if (pointer != null)
            {
                return (byte*)pointer;
            }
        }

        return null;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(void* address, nuint length);

    [LibraryImport("kernel32", SetLastError = true)]
    private static partial void* VirtualAlloc(void* address, nuint size, uint allocationType, uint protection);

    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool VirtualFree(void* address, nuint size, uint freeType);
}
