using System.Runtime.InteropServices;
using System.Text;
using Ebpf.Core.Abi;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Kernel;

/// <summary>
/// <c>AbiTable.Linux</c>'s rules for <c>struct bpf_sock_addr</c> against the kernel's verifier: for each hook, every
/// load and store of 1, 2, 4 and 8 bytes at every offset of the 72-byte context is loaded into the kernel
/// (<c>BPF_PROG_LOAD</c> with that expected attach type), and its verdict must be the table's.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed unsafe partial class SockAddrAccessKernelTests
{
    public static TheoryData<AttachType> Hooks =>
    [
        AttachType.CgroupInet4Bind, AttachType.CgroupInet6Bind, AttachType.CgroupInet4Connect, AttachType.CgroupInet6Connect,
        AttachType.CgroupUdp4Sendmsg, AttachType.CgroupUdp6Sendmsg, AttachType.CgroupUdp6Recvmsg,
    ];

    [KernelTheory]
    [MemberData(nameof(Hooks))]
    public void Every_context_access_is_accepted_exactly_where_the_kernel_accepts_it(AttachType hook)
    {
        var context = AbiTable.Linux.FindProgramType(ProgramType.CgroupSockAddr)!.Context;
        var differences = new List<string>();
        foreach (var isWrite in new[] { false, true })
        {
            foreach (var size in new[] { 1, 2, 4, 8 })
            {
                for (var offset = 0; offset < 72; offset++)
                {
                    var ours = context.Allows(offset, size, isWrite, (int)hook);
                    var kernels = KernelAccepts(offset, size, isWrite, hook);
                    if (ours != kernels)
                    {
                        differences.Add($"{(isWrite ? "write" : "read")} {size} at {offset}: kernel {(kernels ? "accepts" : "refuses")}");
                    }
                }
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    /// <summary>Loads <c>r0 = *(uN *)(r1 + off)</c> or <c>r2 = 0; *(uN *)(r1 + off) = r2</c>, then <c>r0 = 1; exit</c>.</summary>
    private static bool KernelAccepts(int offset, int size, bool isWrite, AttachType hook)
    {
        var width = size switch { 4 => 0x00, 2 => 0x08, 1 => 0x10, _ => 0x18 };
        var program = new List<ulong>();
        if (isWrite)
        {
            program.Add(Instruction(0xb7, 0x02, 0, 0));                          // r2 = 0
            program.Add(Instruction((byte)(0x63 | width), 0x21, (short)offset, 0)); // *(uN *)(r1 + off) = r2
        }
        else
        {
            program.Add(Instruction((byte)(0x61 | width), 0x10, (short)offset, 0)); // r0 = *(uN *)(r1 + off)
        }

        program.Add(Instruction(0xb7, 0x00, 0, 1));                              // r0 = 1
        program.Add(Instruction(0x95, 0, 0, 0));                                 // exit
        var instructions = program.ToArray();
        var license = Encoding.ASCII.GetBytes("GPL\0");
        var attr = stackalloc byte[128];
        new Span<byte>(attr, 128).Clear();
        fixed (ulong* code = instructions)
        fixed (byte* licenseText = license)
        {
            *(uint*)attr = (uint)ProgramType.CgroupSockAddr;
            *(uint*)(attr + 4) = (uint)instructions.Length;
            *(ulong*)(attr + 8) = (ulong)code;
            *(ulong*)(attr + 16) = (ulong)licenseText;
            *(uint*)(attr + 68) = (uint)hook;   // expected_attach_type
            var fd = Syscall(321, 5, attr, 128); // bpf(BPF_PROG_LOAD)
            if (fd >= 0)
            {
                _ = Close((int)fd);
                return true;
            }

            var error = Marshal.GetLastPInvokeError();
            Assert.True(error is 13 or 22, $"bpf(BPF_PROG_LOAD) failed with errno {error}, not a verifier verdict");
            return false;
        }
    }

    private static ulong Instruction(byte opcode, byte registers, short offset, int immediate) =>
        opcode | ((ulong)registers << 8) | ((ulong)(ushort)offset << 16) | ((ulong)(uint)immediate << 32);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long command, byte* attr, long size);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
