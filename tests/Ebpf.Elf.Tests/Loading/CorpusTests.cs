using System.Text;
using Ebpf.Core.Abi;
using Ebpf.Core.Isa;
using Ebpf.Core.Specs;
using Ebpf.Testing;

namespace Ebpf.Elf.Tests.Loading;

/// <summary>What the C sources of testdata/bpf say their objects hold, checked on the specs the reader builds.</summary>
public sealed class CorpusTests
{
    private static ObjectSpec Read(string name) => ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "bpf", name));

    [Fact]
    public void Section_names_give_program_types_and_attach_types_as_libbpf()
    {
        var programs = new[] { "xdp_multi.o", "tc_classifier.o", "socket_filter.o", "cgroup_sock_addr.o", "sockops.o", "tracing.o", "fentry.o" }
            .SelectMany(f => Read(f).Programs)
            .ToDictionary(p => p.SectionName + " " + p.Name, p => (p.Type, p.ExpectedAttachType, p.AttachTarget));
        Assert.Equal((ProgramType.Xdp, AttachType.Xdp, null), programs.Single(p => p.Key.StartsWith("xdp.frags ", StringComparison.Ordinal)).Value);
        Assert.Equal((ProgramType.SchedCls, null, null), programs.Single(p => p.Key.StartsWith("classifier ", StringComparison.Ordinal)).Value);
        Assert.Equal((ProgramType.SocketFilter, null, null), programs.Single(p => p.Key.StartsWith("socket ", StringComparison.Ordinal)).Value);
        Assert.Equal((ProgramType.CgroupSockAddr, AttachType.CgroupInet4Bind, null), programs.Single(p => p.Key.StartsWith("cgroup/bind4 ", StringComparison.Ordinal)).Value);
        Assert.Equal((ProgramType.CgroupSockAddr, AttachType.CgroupInet6Connect, null), programs.Single(p => p.Key.StartsWith("cgroup/connect6 ", StringComparison.Ordinal)).Value);
        Assert.Equal((ProgramType.SockOps, AttachType.CgroupSockOps, null), programs.Single(p => p.Key.StartsWith("sockops ", StringComparison.Ordinal)).Value);
        Assert.Equal((ProgramType.Kprobe, null, "do_sys_openat2"), programs.Single(p => p.Key.StartsWith("kprobe/", StringComparison.Ordinal)).Value);
        Assert.Equal((ProgramType.Tracepoint, null, "syscalls/sys_enter_execve"), programs.Single(p => p.Key.StartsWith("tracepoint/", StringComparison.Ordinal)).Value);
        Assert.Equal((ProgramType.Tracing, AttachType.TraceFexit, "do_unlinkat"), programs.Single(p => p.Key.StartsWith("fexit/", StringComparison.Ordinal)).Value);
    }

    [Fact]
    public void Several_programs_share_a_section()
    {
        Assert.Equal(4, Read("tail_calls.o").Programs.Count(p => p.SectionName == "xdp"));
        Assert.Equal(2, Read("xdp_multi.o").Programs.Count(p => p.SectionName == "xdp"));
    }

    [Fact]
    public void Sub_programs_are_linked_once_and_every_call_enters_a_function()
    {
        var spec = Read("subprogs.o");
        var hash = spec.FindProgram("xdp_sub_hash")!;
        Assert.Equal(["xdp_sub_hash", "mix", "is_privileged_port", "xdp_ipv4_proto", "fold16"], hash.Functions.Select(f => f.Name));
        foreach (var program in spec.Programs)
        {
            Assert.Equal(program.Functions.Select(f => f.Name).Distinct().Count(), program.Functions.Length);
            Assert.Equal(program.Instructions.Length, program.Functions.Sum(f => f.Length));
            var starts = program.Functions.Select(f => f.Start).ToHashSet();
            for (var i = 0; i < program.Instructions.Length; i++)
            {
                var insn = program.Instructions[i];
                if (insn.Opcode == 0x85 && insn.Source == Register.R1)
                {
                    Assert.Contains(i + 1 + insn.Immediate, starts);
                }
            }
        }
    }

    [Fact]
    public void Callback_addresses_become_code_address_references_to_the_callbacks()
    {
        var program = Read("bpf_loop.o").FindProgram("tc_loop_scan")!;
        var targets = Enumerable.Range(0, program.Instructions.Length)
            .Where(i => program.Instructions[i] is { Opcode: 0x18 } insn && insn.Source == (Register)LoadImm64Source.CodeAddress)
            .Select(i => i + 1 + program.Instructions[i].Immediate)
            .ToList();
        Assert.Equal(2, targets.Count);
        Assert.Equal(["sum_cb", "find_zero_cb"], targets.Select(t => program.Functions.Single(f => f.Start == t).Name));
    }

    [Fact]
    public void Global_data_sections_become_array_maps_with_their_bytes()
    {
        var spec = Read("globals.o");
        Assert.Equal([".rodata", ".data", ".data.counters", ".bss", ".rodata.str1.1"], spec.Maps.Select(m => m.Name));
        Assert.All(spec.Maps, m => Assert.Equal((MapType.Array, 1u, MapOrigin.GlobalData), (m.Type, m.MaxEntries, m.Origin)));
        Assert.True(spec.FindMap(".rodata")!.IsReadOnlyForPrograms);
        Assert.False(spec.FindMap(".data")!.IsReadOnlyForPrograms);
        Assert.All(spec.FindMap(".bss")!.InitialValue, b => Assert.Equal(0, b));
        var strings = Encoding.ASCII.GetString(spec.FindMap(".rodata.str1.1")!.InitialValue.AsSpan());
        Assert.Contains("\0", strings, StringComparison.Ordinal);
        Assert.All(spec.Maps, m => Assert.Equal(m.ValueSize, (uint)m.InitialValue.Length));
    }

    [Fact]
    public void Data_references_point_into_their_section()
    {
        var spec = Read("globals.o");
        foreach (var program in spec.Programs)
        {
            for (var i = 0; i < program.Instructions.Length; i++)
            {
                if (program.Instructions[i] is { Opcode: 0x18 } insn && insn.Source == (Register)LoadImm64Source.MapValueByIndex)
                {
                    Assert.InRange((uint)program.Instructions[i + 1].Immediate, 0u, spec.Maps[insn.Immediate].ValueSize - 1);
                }
            }
        }
    }

    [Fact]
    public void Legacy_maps_and_the_version_section_are_read()
    {
        var spec = Read("legacy_maps.o");
        Assert.Equal(0x050400u, spec.KernelVersion);
        Assert.Equal([("pkt_count", MapType.Array, 4u, 8u, 2u, MapFlags.None), ("len_hist", MapType.Hash, 4u, 8u, 64u, MapFlags.NoPrealloc)],
            spec.Maps.Select(m => (m.Name, m.Type, m.KeySize, m.ValueSize, m.MaxEntries, m.Flags)));
        Assert.All(spec.Maps, m => Assert.Equal(MapOrigin.LegacyMaps, m.Origin));
    }

    [Fact]
    public void Btf_maps_carry_their_types_flags_and_pinning()
    {
        var lpm = Read("cgroup_sock_addr.o").FindMap("deny_v6")!;
        Assert.Equal((MapType.LpmTrie, 20u, 4u, 1024u, MapFlags.NoPrealloc, "struct lpm_v6_key"), (lpm.Type, lpm.KeySize, lpm.ValueSize, lpm.MaxEntries, lpm.Flags, lpm.KeyTypeName));
        Assert.Equal(MapPinning.ByName, Read("sockops.o").Maps.Single(m => m.Origin == MapOrigin.BtfMaps).Pinning);
        var queue = Read("queue_stack.o").Maps.First(m => m.Type == MapType.Queue);
        Assert.Equal(0u, queue.KeySize);
        Assert.Equal(MapType.Ringbuf, Read("tracing.o").FindMap("events")!.Type);
        Assert.Equal("Dual MIT/GPL", Read("tc_classifier.o").License);
    }

    [Fact]
    public void Maps_of_maps_have_their_inner_definition_and_initial_slots()
    {
        var spec = Read("map_in_map.o");
        var outer = spec.FindMap("outer_arr")!;
        Assert.Equal(MapType.ArrayOfMaps, outer.Type);
        Assert.NotNull(outer.InnerMap);
        Assert.Equal((MapType.Array, 4u, 8u, 4u), (outer.InnerMap.Type, outer.InnerMap.KeySize, outer.InnerMap.ValueSize, outer.InnerMap.MaxEntries));
        Assert.Equal("inner_a", outer.InitialSlots[0]);
        Assert.Equal(MapType.HashOfMaps, spec.FindMap("outer_hash")!.Type);
        Assert.Equal(MapType.ProgArray, Read("tail_calls.o").FindMap("jmp_table")!.Type);
    }

    [Fact]
    public void Map_references_name_the_map_the_source_uses()
    {
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.Shared, "bench", "xdp_flow_table.o"));
        var program = Assert.Single(spec.Programs);
        var referenced = program.Instructions.Where(i => i.Opcode == 0x18 && i.Source == (Register)LoadImm64Source.MapByIndex)
            .Select(i => spec.Maps[i.Immediate].Name).Distinct();
        Assert.Equal(["flows"], referenced);
    }

    [Fact]
    public void Every_source_line_is_the_line_of_the_C_file_it_names()
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.TestData, "bpf"), "*.o"))
        {
            var source = File.ReadAllLines(Path.ChangeExtension(path, ".c"));
            var spec = ObjectReader.ReadFile(path);
            var lines = spec.Programs.SelectMany(p => p.Lines).OfType<SourceLine>().Where(l => l.Line > 0).ToList();
            Assert.NotEmpty(lines);
            Assert.All(lines, l =>
            {
                Assert.EndsWith(Path.GetFileName(Path.ChangeExtension(path, ".c")), l.File, StringComparison.Ordinal);
                Assert.Equal(source[l.Line - 1], l.Text);
            });
        }
    }

    [Fact]
    public void Core_relocations_are_reported()
    {
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "btf", "core.o"));
        Assert.NotNull(spec.BtfExt);
        Assert.Contains(spec.BtfExt.Sections.Values, s => s.CoreRelocations.Length > 0);
    }

    private const string XdpToolsObjects = "/usr/lib/x86_64-linux-gnu/bpf";

    [FactRequiringFolder(XdpToolsObjects, "apt-get install libxdp1 xdp-tools provides objects built outside this project")]
    public void Objects_built_elsewhere_load_where_installed()
    {
        var objects = Directory.GetFiles(XdpToolsObjects, "*.o");
        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.NotEmpty(ObjectReader.ReadFile(o).Programs));
    }
}
