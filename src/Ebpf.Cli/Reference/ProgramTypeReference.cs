using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Ebpf.Core.Abi;
using Ebpf.Elf.Loading;

namespace Ebpf.Cli.Reference;

/// <summary>docs/reference/program-types.md: the program types of <see cref="AbiTable.Linux"/> and <see cref="AbiTable.Windows"/>, their contexts, return values and section names.</summary>
internal static class ProgramTypeReference
{
    /// <summary>Where each type runs here and how that differs from Linux; a type without a note is a generator error.</summary>
    private static readonly FrozenDictionary<string, string> Notes = new Dictionary<string, string>
    {
        ["raw"] = "Not a Linux type: Linux's unspecified number, used here for plain computation on a memory block (`ebpf run`, conformance tests, embedding). r1 points to the block, r2 holds its length.",
        ["socket_filter"] = "Test runs (`ebpf prog run`, `BpfProgram.TestRun`) as Linux's `BPF_PROG_TEST_RUN`: the packet from layer 3, the Ethernet header zeroed in `data_out`. No attach to sockets yet.",
        ["sched_cls"] = "Test runs as Linux's, the packet from layer 2 with `__sk_buff` as the state (`docs/test-runs.md`). No attach to a qdisc yet.",
        ["sched_act"] = "As `sched_cls`: test runs only.",
        ["xdp"] = "Test runs, every packet of a capture (`ebpf xdp run`), and live interfaces through packet sockets, alone or as a bridge (`ebpf xdp attach`, `docs/xdp.md`). Frames arrive after the kernel's stack has seen them (packet sockets), so `XDP_DROP` keeps a frame from the bridge's peer, not from the host. No multi-buffer (`xdp.frags`) packets.",
        ["raw_tracepoint"] = "Test runs with the u64 arguments as the context (through `bpf(2)` on Linux, as bpftool cannot). No kernel tracepoints to attach to in user mode.",
        ["kprobe"] = "Verified and loaded (x86-64's `pt_regs`); nothing attaches kprobes or uprobes in user mode, and Linux has no test run for them. Probe reads copy only memory the program may read anyway (docs/helpers.md).",
        ["tracepoint"] = "Verified and loaded; the record is read from byte 8 to 8192, as the kernel's verifier allows, since its layout is the event's (docs/verifier.md). No tracepoints to attach to in user mode.",
        ["perf_event"] = "Verified and loaded; no perf events to attach to in user mode.",
        ["sock_ops"] = "Verified and loaded; no TCP stack calls it in user mode. `bpf_sock_ops_cb_flags_set` keeps its flags in the context. `skb_hwtstamp` (Linux 6.2) is not described, so programs that read it are refused.",
        ["tracing"] = "Verified (fentry, fexit, fmod_ret, tp_btf, iterators): `ebpf verify` types the arguments from the attach target's BTF as the kernel does (BTF-typed pointers, docs/verifier.md). Loaded to run, the arguments are numbers and a program that dereferences one is refused with EBPF5601: no kernel object exists in user mode. Nothing attaches them in user mode.",
        ["cgroup_sock_addr"] = "Verified and loaded; the socket hooks (`bind`, `connect`) run them for unmodified processes where that hook exists (issue 9). Which attach types change the context is in the table above.",
        ["windows/xdp"] = "eBPF for Windows' XDP (`AbiTable.Windows`): its `xdp_md_t` holds 64-bit pointers (nothing is rewritten at load) and its verdicts start at 1. Section `xdp` is Linux's too, so such objects need `--platform windows`. `ebpf xdp run`, `xdp attach` and `prog run` run them on an `XdpFrame` of Windows' layout, reading the verdicts as Linux's actions of the same name (docs/xdp.md). Its own helper, `bpf_xdp_adjust_head`, is 65536.",
        ["xdp_test"] = "netebpfext's test XDP hook (`BPF_PROG_TYPE_XDP_TEST`): the same context and helper as Windows' `xdp`, no redirect; its section is Windows' alone, so objects using it are read as Windows ones by themselves.",
        ["sock_addr"] = "eBPF for Windows' `BPF_PROG_TYPE_CGROUP_SOCK_ADDR`, on its own `bpf_sock_addr_t` (not Linux's). `ebpf exec --connect` runs its `cgroup/connect4|6` programs for unmodified processes' connects: writing `user_ip4`/`user_ip6`/`user_port` and proceeding redirects the connection; `cgroup/recv_accept4|6` programs are refused there (EBPF6140) but verify and test-run (`ctx_in`, 64 bytes). `AF_INET6` is 23 in `family`, as on Windows (docs/sockets.md). Its own helpers are 65536 and 65537.",
        ["bind"] = "eBPF for Windows' type, under its numbers (`AbiTable.Windows`): objects whose programs are in section `bind` are read as Windows ones (or any object with `--platform windows`), their helper calls and map types in Windows' numbering. `ebpf exec --bind` runs them for the IPv4 binds of unmodified processes; `ebpf prog run` takes the `bind_md_t` as `ctx_in` and the application id as `data_in` (docs/sockets.md). The application id is the program's data (`app_id_start`/`app_id_end` are packet pointers), and only `socket_address` is writable.",
    }.ToFrozenDictionary();

    /// <summary>eBPF for Windows' names of its program types, by its numbers.</summary>
    private static readonly FrozenDictionary<int, (string Constant, string Section)> WindowsNames = new Dictionary<int, (string, string)>
    {
        [WindowsProgramType.Xdp] = ("BPF_PROG_TYPE_XDP", "xdp"),
        [WindowsProgramType.Bind] = ("BPF_PROG_TYPE_BIND", "bind"),
        [WindowsProgramType.CgroupSockAddr] = ("BPF_PROG_TYPE_CGROUP_SOCK_ADDR", "cgroup/connect4 cgroup/connect6 cgroup/recv_accept4 cgroup/recv_accept6"),
        [WindowsProgramType.XdpTest] = ("BPF_PROG_TYPE_XDP_TEST", "xdp_test"),
    }.ToFrozenDictionary();

    public static string Generate(AbiTable table)
    {
        var text = new StringBuilder();
        text.AppendLine(Markdown.GeneratedBanner).AppendLine();
        text.AppendLine("# Program types").AppendLine();
        text.AppendLine("The program types the platform verifies and runs, from `AbiTable.Linux` (`src/Ebpf.Core/Abi`): their Linux");
        text.AppendLine("numbers, the section names that select them (libbpf's rules), the context a program gets in r1 and what its");
        text.AppendLine("return value means. Objects whose programs have other types are refused at load with `EBPF3305`.").AppendLine();
        Markdown.Table(text, ["type", "Linux", "number", "sections", "context", "helpers"], table.ProgramTypes.Select(type => new[]
        {
            $"[`{type.Name}`](#{type.Name})",
            LinuxName(type),
            type.Id.ToString(CultureInfo.InvariantCulture),
            string.Join(" ", Sections(type).Select(Markdown.Code)),
            type.Context.IsMemoryBlock ? "a memory block" : Markdown.Code(type.Context.TypeName),
            type.Helpers.Count.ToString(CultureInfo.InvariantCulture),
        }));

        foreach (var type in table.ProgramTypes)
        {
            Describe(text, table, type);
        }

        DescribeWindows(text, AbiTable.Windows);
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>eBPF for Windows' types: a table of their numbers and sections, then each as Linux's are described.</summary>
    private static void DescribeWindows(StringBuilder text, AbiTable windows)
    {
        text.AppendLine("# eBPF for Windows").AppendLine();
        text.AppendLine("Program types of eBPF for Windows, from `AbiTable.Windows`, for programs written for it to run unchanged: its numbers");
        text.AppendLine("(`ebpf_structs.h`), its section names and contexts (`ebpf_nethooks.h`). Its general helpers are Linux's under other");
        text.AppendLine("numbers (`bpf_tail_call` is 5 there), mapped onto the same implementations; each type's own helpers are numbered from");
        text.AppendLine("65536, so one number means another helper to each type.").AppendLine();
        Markdown.Table(text, ["type", "Windows", "number", "sections", "context", "helpers"], windows.ProgramTypes.Select(type => new[]
        {
            $"[`{type.Name}`](#{WindowsHeading(type).Replace(' ', '-')})",
            Markdown.Code(WindowsNames[type.Id].Constant),
            type.Id.ToString(CultureInfo.InvariantCulture),
            string.Join(" ", WindowsNames[type.Id].Section.Split(' ').Select(Markdown.Code)),
            Markdown.Code(type.Context.TypeName),
            type.Helpers.Count.ToString(CultureInfo.InvariantCulture),
        }));
        foreach (var type in windows.ProgramTypes)
        {
            Describe(text, windows, type, WindowsHeading(type));
        }

        // Each helper with the types that may call it: a type's own helpers share numbers with other types' own ones.
        var rows = windows.Helpers.Concat(windows.ProgramTypes.SelectMany(t => t.SpecificHelpers)).DistinctBy(h => (h.Id, h.Name)).Select(h =>
        {
            var callers = windows.ProgramTypes.Where(t => windows.FindHelper(h.Id, t)?.Name == h.Name && t.CanCall(h.Id)).Select(t => t.Name).ToList();
            return new[] { h.Id.ToString(CultureInfo.InvariantCulture), Markdown.Code(h.Name), callers.Count == windows.ProgramTypes.Length ? "all" : string.Join(", ", callers) };
        });
        Markdown.Table(text, ["Windows number", "helper", "program types"], rows);
    }

    /// <summary>The note of every type, for the test that none is missing (a Windows type named as a Linux one also has one as <c>windows/NAME</c>, which generating checks).</summary>
    public static bool HasNote(string type) => Notes.ContainsKey(type);

    /// <summary>A Windows type's heading: its name, and "windows" where Linux has a type of that name (<c>xdp</c>).</summary>
    private static string WindowsHeading(ProgramTypeDescriptor type) =>
        AbiTable.Linux.FindProgramType(type.Name) is null ? type.Name : $"{type.Name} windows";

    private static void Describe(StringBuilder text, AbiTable table, ProgramTypeDescriptor type, string? heading = null)
    {
        heading ??= type.Name;
        var key = heading == type.Name ? type.Name : "windows/" + type.Name;
        text.AppendLine($"## {heading}").AppendLine();
        text.AppendLine(Notes.TryGetValue(key, out var note) ? note : throw new InvalidOperationException($"program type {key} has no note in {nameof(ProgramTypeReference)}")).AppendLine();
        if (!type.Context.IsMemoryBlock)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Context `{type.Context.TypeName}`, {type.Context.Size} bytes:").AppendLine();
            Markdown.Table(text, ["field", "offset", "size", "kind", "read", "write", "only for attach types"], type.Context.Fields.Select(f => new[]
            {
                Markdown.Code(f.Name),
                f.Offset.ToString(CultureInfo.InvariantCulture),
                f.Size.ToString(CultureInfo.InvariantCulture),
                f.Kind.ToString(),
                Sizes(f.ReadSizes),
                Sizes(f.WriteSizes),
                string.Join(", ", f.AttachTypes.Select(a => Markdown.Code(((AttachType)a).ToString()))),
            }));
        }

        var range = type.ReturnValue.Range is { } r ? $"the verifier accepts {r.Min} to {r.Max}" : "the verifier accepts any value";
        text.AppendLine(CultureInfo.InvariantCulture, $"Return value: {range}.").AppendLine();
        if (type.ReturnValue.Values.Length > 0)
        {
            Markdown.Table(text, ["value", "name", "meaning"], type.ReturnValue.Values.Select(v => new[]
            {
                v.Value.ToString(CultureInfo.InvariantCulture), Markdown.Code(v.Name), v.Meaning,
            }));
        }

        var helpers = type.Helpers.Select(id => table.FindHelper(id, type)?.Name ?? id.ToString(CultureInfo.InvariantCulture));
        text.AppendLine($"Helpers it may call ({type.Helpers.Count}; see [helpers](helpers.md)): {string.Join(", ", helpers.Select(Markdown.Code))}.").AppendLine();
    }

    private static string LinuxName(ProgramTypeDescriptor type) =>
        Enum.IsDefined((ProgramType)type.Id) && type.Id != 0 ? Markdown.Code("BPF_PROG_TYPE_" + Markdown.UpperSnake(((ProgramType)type.Id).ToString())) : "none";

    private static IEnumerable<string> Sections(ProgramTypeDescriptor type) =>
        SectionDefinitions.All.Where(d => (int)d.Type == type.Id && type.Id != 0).Select(d => d.TakesTarget ? d.Name + "/..." : d.Name);

    private static string Sizes(AccessSizes sizes) => sizes == AccessSizes.None
        ? "-"
        : string.Join(" ", new[] { AccessSizes.Byte, AccessSizes.HalfWord, AccessSizes.Word, AccessSizes.DoubleWord }
            .Where(s => sizes.HasFlag(s)).Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));
}
