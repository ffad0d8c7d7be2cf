using Ebpf.Core.Abi;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers.Linux;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Programs;
using Ebpf.Runtime.Tests.Interpretation;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Helpers;

/// <summary>
/// The tracing helpers in a process: probe reads copy only memory the program may read anyway and otherwise behave
/// as a faulting kernel address does (zeroed destination, <c>-EFAULT</c>); the task's name is the process's.
/// </summary>
public sealed class TracingHelperTests
{
    private static IExecutable Prepare(string assembly, EngineKind engine) =>
        Engines.Prepare(engine, ProgramRunner.Decode(assembly), LinuxHelpers.Table);

    private static TestRunResult Run(string assembly, EngineKind engine, byte[] arguments)
    {
        var result = TestRun.Run(Prepare(assembly, engine), ProgramType.RawTracepoint, new TestRunOptions(default, arguments));
        Assert.Null(result.Fault);
        return result;
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Probe_read_copies_from_the_context(EngineKind engine)
    {
        // dst = fp-8, size 8, src = ctx + 8; r0 = what was copied + the helper's result.
        var result = Run("""
            mov %r3, %r1
            add %r3, 8
            mov %r1, %r10
            add %r1, -8
            mov %r2, 8
            call 113
            ldxdw %r1, [%r10-8]
            add %r0, %r1
            exit
            """, engine, [.. BitConverter.GetBytes(7UL), .. BitConverter.GetBytes(0x1234_5678_9ABCUL)]);

        Assert.Equal(0x1234_5678_9ABCUL, result.ReturnValue);
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Probe_read_of_memory_the_program_may_not_read_zeroes_the_destination_and_fails_with_efault(EngineKind engine)
    {
        // The destination holds 7 first; an address in no region of the run (this process's first page) must not be read.
        var result = Run("""
            mov %r1, 7
            stxdw [%r10-8], %r1
            mov %r1, %r10
            add %r1, -8
            mov %r2, 8
            mov %r3, 4096
            call 112
            ldxdw %r1, [%r10-8]
            add %r0, %r1
            exit
            """, engine, new byte[16]);

        Assert.Equal(unchecked((ulong)-14L), result.ReturnValue);
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void Probe_read_str_copies_the_string_with_its_nul_and_returns_that_length(EngineKind engine)
    {
        // The context holds "hi\0"; r0 = the result (3) + (the 8 bytes read back at fp-8 << 8): "hi", then zeros.
        var result = Run("""
            mov %r6, %r1
            mov %r1, 0
            stxdw [%r10-8], %r1
            mov %r1, %r10
            add %r1, -8
            mov %r2, 8
            mov %r3, %r6
            call 115
            ldxdw %r1, [%r10-8]
            lsh %r1, 8
            add %r0, %r1
            exit
            """, engine, [(byte)'h', (byte)'i', 0, 0, 0, 0, 0, 0]);

        Assert.Equal(3UL + (0x6968UL << 8), result.ReturnValue);
    }

    [Fact]
    public void The_current_comm_is_the_process_name_cut_to_fifteen_bytes()
    {
        var result = Run("""
            mov %r1, %r10
            add %r1, -16
            mov %r2, 16
            call 16
            ldxdw %r0, [%r10-16]
            exit
            """, EngineKind.Interpreter, new byte[8]);

        var expected = File.Exists("/proc/self/comm") ? File.ReadAllText("/proc/self/comm").TrimEnd('\n') : System.Diagnostics.Process.GetCurrentProcess().ProcessName;
        var first = System.Text.Encoding.UTF8.GetBytes(expected).Take(8).ToArray();
        Assert.Equal(BitConverter.ToUInt64([.. first, .. new byte[8 - first.Length]]), result.ReturnValue);
    }

    [Theory]
    [MemberData(nameof(EngineData.All), MemberType = typeof(EngineData))]
    public void The_tracing_programs_of_the_corpus_load(EngineKind engine)
    {
        foreach (var name in new[] { "tracing", "fentry", "sockops" })
        {
            using var loaded = LoadedObject.Load(ObjectReader.ReadFile(HelperRuns.ObjectPath(name)), new LoadOptions(engine));
            Assert.NotEmpty(loaded.Programs);
            Assert.All(loaded.Programs, p => Assert.True(p.IsVerified));
        }
    }
}
