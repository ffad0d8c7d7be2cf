using Ebpf.Core.Abi;
using Ebpf.Testing;

namespace Ebpf.Core.Tests.Abi;

/// <summary>
/// <see cref="AbiTable.Windows"/> against eBPF for Windows' headers: the numbers and offsets below are copied from its
/// <c>ebpf_structs.h</c> (<c>ebpf_helper_id_t</c>, <c>enum bpf_prog_type</c>) and <c>ebpf_nethooks.h</c>
/// (<c>bind_md_t</c>, <c>bind_action_t</c>), and the header our Windows samples are compiled with is compiled and
/// compared too, so the table, the header and the objects cannot drift apart.
/// </summary>
public sealed class WindowsAbiTests
{
    private static ProgramTypeDescriptor Bind => AbiTable.Windows.FindProgramType(WindowsProgramType.Bind)!;

    [Fact]
    public void Bind_is_program_type_2_named_bind_with_bind_action_t_as_its_return_values()
    {
        Assert.Equal("bind", Bind.Name);
        Assert.Equal(new ValueRange(0, 3), Bind.ReturnValue.Range);
        Assert.Equal(["BIND_PERMIT_SOFT", "BIND_DENY", "BIND_REDIRECT", "BIND_PERMIT_HARD"], Bind.ReturnValue.Values.OrderBy(v => v.Value).Select(v => v.Name));
    }

    [Fact]
    public void Bind_md_has_the_offsets_of_ebpf_nethooks_h()
    {
        var fields = Bind.Context.Fields.ToDictionary(f => f.Name, f => (f.Offset, f.Size));

        Assert.Equal(56, Bind.Context.Size);
        Assert.Equal((0, 8), fields["app_id_start"]);
        Assert.Equal((8, 8), fields["app_id_end"]);
        Assert.Equal((16, 8), fields["process_id"]);
        Assert.Equal((24, 16), fields["socket_address"]);
        Assert.Equal((40, 1), fields["socket_address_length"]);
        Assert.Equal((44, 4), fields["operation"]);
        Assert.Equal((48, 1), fields["protocol"]);
        Assert.Equal([ContextFieldKind.PacketStart, ContextFieldKind.PacketEnd], Bind.Context.Fields.Where(f => f.IsPointer).Select(f => f.Kind));
        Assert.Equal(["socket_address"], Bind.Context.Fields.Where(f => f.IsWritable).Select(f => f.Name));
    }

    [Fact]
    public void General_helpers_keep_windows_numbers_and_linux_shapes()
    {
        var expected = new Dictionary<string, int>
        {
            ["bpf_map_lookup_elem"] = 1, ["bpf_map_update_elem"] = 2, ["bpf_map_delete_elem"] = 3, ["bpf_get_prandom_u32"] = 6,
            ["bpf_ktime_get_boot_ns"] = 7, ["bpf_get_smp_processor_id"] = 8, ["bpf_ktime_get_ns"] = 9, ["bpf_csum_diff"] = 10,
            ["bpf_ringbuf_output"] = 11, ["bpf_trace_printk2"] = 12, ["bpf_trace_printk5"] = 15, ["bpf_map_push_elem"] = 16,
            ["bpf_map_peek_elem"] = 18, ["bpf_get_current_pid_tgid"] = 19,
        };

        foreach (var (name, id) in expected)
        {
            var helper = AbiTable.Windows.FindHelper(id);
            Assert.True(helper?.Name == name, $"Windows helper {id} is {helper?.Name ?? "missing"}, not {name}");
            Assert.True(Bind.CanCall(id), $"bind programs may call every general helper, not {name}");
        }

        Assert.Equal(AbiTable.Linux.FindHelper("bpf_map_update_elem")!.Arguments, AbiTable.Windows.FindHelper(2)!.Arguments);
        Assert.Equal(5, AbiTable.Windows.FindHelper(15)!.Arguments.Length);
        Assert.DoesNotContain(AbiTable.Windows.Helpers, h => h.IsGplOnly);
    }

    [Fact]
    public void Windows_map_types_are_numbered_as_ebpf_structs_h()
    {
        Assert.Equal(["hash", "array", "prog_array", "percpu_hash", "percpu_array", "hash_of_maps", "array_of_maps", "lru_hash", "lpm_trie", "queue", "lru_percpu_hash", "stack", "ringbuf"],
            Enumerable.Range(1, 13).Select(id => AbiTable.Windows.FindMapType(id)!.Name));
    }

    [GccFact]
    public void The_sample_header_agrees_with_the_table()
    {
        var output = WindowsProbe.Run("windows_bind_probe.c", Path.Combine(RepositoryPaths.TestData, "sockets", "windows"));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        Assert.Equal(Bind.Context.Size, Number(lines.Single(l => l[0] == "struct")[2]));
        foreach (var field in lines.Where(l => l[0] == "field"))
        {
            var described = Bind.Context.Field(field[2]);
            Assert.True(described is not null && (described.Offset, described.Size) == (Number(field[3]), Number(field[4])),
                $"bind_md.{field[2]} is at {field[3]} ({field[4]} bytes) in the header; the table says {described?.Offset} ({described?.Size})");
        }

        foreach (var helper in lines.Where(l => l[0] == "helper"))
        {
            Assert.Equal(helper[1], AbiTable.Windows.FindHelper(Number(helper[2]))?.Name);
        }

        Assert.Equal(["0", "1", "2", "3"], lines.Single(l => l[0] == "action")[1..]);
    }

    private static int Number(string text) => WindowsProbe.Number(text);
}
