using System.Buffers.Binary;
using System.Text;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Programs;

/// <summary>
/// eBPF for Windows' <c>bind</c> programs (testdata/sockets/windows/win_bind.o, compiled against our header with
/// Windows' helper numbers) loaded through <see cref="AbiTable.Windows"/> and test-run on a <c>bind_md_t</c>.
/// </summary>
public sealed class BindTestRunTests
{
    public static TheoryData<EngineKind> AllEngines => [.. Engines.Available];

    private static readonly byte[] AppId = Encoding.Unicode.GetBytes("python3\0");

    private static LoadedObject Load(EngineKind engine) =>
        LoadedObject.Load(ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "sockets", "windows", "win_bind.o")), new LoadOptions(engine));

    /// <summary>A <c>bind_md_t</c> for a TCP bind of 0.0.0.0:<paramref name="port"/> by process 4242, laid out as <c>ebpf_nethooks.h</c> has it.</summary>
    private static byte[] BindContext(ushort port)
    {
        var context = new byte[56];
        BinaryPrimitives.WriteUInt64LittleEndian(context.AsSpan(16), 4242);  // process_id
        BinaryPrimitives.WriteUInt16LittleEndian(context.AsSpan(24), 2);     // socket_address: sin_family = AF_INET
        BinaryPrimitives.WriteUInt16BigEndian(context.AsSpan(26), port);     // sin_port, network order
        context[40] = 16;                                                    // socket_address_length
        context[48] = 6;                                                     // protocol = IPPROTO_TCP
        return context;
    }

    [Fact]
    public void The_section_bind_makes_the_object_a_windows_one_with_windows_numbers()
    {
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "sockets", "windows", "win_bind.o"));

        var program = Assert.Single(spec.Programs);
        Assert.Equal(AbiPlatform.Windows, program.Platform);
        Assert.Equal(WindowsProgramType.Bind, (int)program.Type);
        Assert.Same(AbiTable.Windows, program.Abi);
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void A_bind_program_permits_counts_per_process_and_keeps_the_application_name(EngineKind engine)
    {
        using var loaded = Load(engine);

        var result = loaded.FindProgram("watch_bind")!.TestRun(new TestRunOptions(AppId, BindContext(8000)));

        Assert.Null(result.Fault);
        Assert.Equal(0UL, result.ReturnValue); // BIND_PERMIT_SOFT
        Assert.Equal(AppId, result.DataOut);
        Assert.Equal(new byte[16], result.ContextOut[..16]); // pointers zeroed, as Windows' test run returns them
        Assert.Equal(BindContext(8000)[16..], result.ContextOut[16..]);
        var entry = new byte[36];
        Assert.True(loaded.FindMap("process_binds")!.TryLookup(BitConverter.GetBytes(4242UL), entry));
        Assert.Equal(1u, BitConverter.ToUInt32(entry));
        Assert.Equal(AppId, entry[4..(4 + AppId.Length)]);
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void A_bind_program_denies_a_listed_port_and_redirects_another(EngineKind engine)
    {
        using var loaded = Load(engine);
        loaded.FindMap("denied_ports")!.Update(BitConverter.GetBytes((ushort)22), [1]);
        loaded.FindMap("port_redirect")!.Update(BitConverter.GetBytes((ushort)80), BitConverter.GetBytes((ushort)8080));
        var program = loaded.FindProgram("watch_bind")!;

        Assert.Equal(1UL, program.TestRun(new TestRunOptions(AppId, BindContext(22))).ReturnValue); // BIND_DENY
        var redirected = program.TestRun(new TestRunOptions(AppId, BindContext(80)));
        Assert.Equal(2UL, redirected.ReturnValue); // BIND_REDIRECT
        Assert.Equal(8080, BinaryPrimitives.ReadUInt16BigEndian(redirected.ContextOut.AsSpan(26)));
        Assert.Equal("BIND_REDIRECT", BindFrame.ActionName(redirected.ReturnValue));
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void An_empty_application_id_is_not_read(EngineKind engine)
    {
        using var loaded = Load(engine);

        var result = loaded.FindProgram("watch_bind")!.TestRun(new TestRunOptions(default, BindContext(9000)));

        Assert.Null(result.Fault);
        var entry = new byte[36];
        Assert.True(loaded.FindMap("process_binds")!.TryLookup(BitConverter.GetBytes(4242UL), entry));
        Assert.All(entry[4..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_context_of_the_wrong_size_is_refused()
    {
        using var loaded = Load(EngineKind.Interpreter);
        var refused = Assert.Throws<DiagnosticException>(() => loaded.FindProgram("watch_bind")!.TestRun(new TestRunOptions(default, new byte[72])));
        Assert.Equal(DiagnosticCode.InvalidTestRun, refused.Diagnostics[0].Code);
    }

    [Fact]
    public void A_program_writing_past_bind_md_is_refused_at_load()
    {
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "sockets", "windows", "win_bind_bad.o"));

        var refused = Assert.Throws<DiagnosticException>(() => LoadedObject.Load(spec));

        Assert.Contains(refused.Diagnostics, d => d.Location.InstructionIndex is not null);
    }

    [Fact]
    public void The_frame_builds_bind_md_from_a_sockaddr_in_and_refuses_other_families()
    {
        using var frame = new BindFrame();
        byte[] sockaddr = [2, 0, 0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.True(frame.Load(sockaddr, 77, 17, AppId));
        Assert.Equal(sockaddr, frame.SocketAddress.ToArray());
        var context = frame.ContextOut;
        Assert.Equal(77UL, BinaryPrimitives.ReadUInt64LittleEndian(context.AsSpan(16)));
        Assert.Equal((16, 0u, 17), (context[40], BinaryPrimitives.ReadUInt32LittleEndian(context.AsSpan(44)), context[48]));
        Assert.False(frame.Load([10, 0, 0x1f, 0x90, .. new byte[24]], 77, 6, AppId));
    }

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void Maps_of_windows_types_are_created_by_their_windows_meaning_and_the_windows_ktime_helper_runs(EngineKind engine)
    {
        using var loaded = LoadedObject.Load(ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "sockets", "windows", "win_map_types.o")), new LoadOptions(engine, CpuCount: 2));

        var result = loaded.FindProgram("count_binds")!.TestRun(new TestRunOptions(default, BindContext(80)));

        Assert.Null(result.Fault);
        Assert.Equal(MapType.PercpuArray, loaded.FindMap("per_cpu_binds")!.Type);
        var stamp = new byte[8];
        Assert.True(loaded.FindMap("recent_processes")!.TryLookup(BitConverter.GetBytes(4242UL), stamp));
        Assert.NotEqual(0UL, BitConverter.ToUInt64(stamp)); // bpf_ktime_get_ns, Windows' helper 9 (Linux's 9 is skb_store_bytes)
    }
}
