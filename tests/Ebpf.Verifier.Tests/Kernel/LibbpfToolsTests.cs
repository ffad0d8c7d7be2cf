using Ebpf.Core.Diagnostics;
using Ebpf.Core.Types;
using Ebpf.Elf;
using Ebpf.Elf.Btf;
using Ebpf.Testing;
using Xunit.Abstractions;

namespace Ebpf.Verifier.Tests.Kernel;

/// <summary>
/// Tracing programs nobody here wrote: the BPF objects Debian's libbpf-tools (the libbpf ports of BCC's tools:
/// execsnoop, opensnoop, biolatency, tcpconnect, runqlat, ...) embed in their executables as libbpf skeletons. Every
/// program is accepted, or refused for a feature the platform does not model, with that feature's code; where the
/// kernel can be asked, each program section is loaded on its own and the kernel's verdict compared with ours.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class LibbpfToolsTests(ITestOutputHelper output)
{
    /// <summary>dpkg's list of the package's files.</summary>
    public const string PackageList = "/var/lib/dpkg/info/libbpf-tools.list";

    /// <summary>Why a test skips without the package.</summary>
    public const string Hint = "apt-get install libbpf-tools installs the tools in /usr/sbin, each embedding its BPF object";

    /// <summary>
    /// The codes a program may be refused with for a kernel feature this platform does not model, each documented in
    /// docs/diagnostics.md: kernel function calls (kfuncs, EBPF5007), helpers without a prototype here (EBPF5401).
    /// BTF-typed pointers are modelled against the running kernel's types, so EBPF5601 (no types) is no longer among them.
    /// </summary>
    private static readonly HashSet<DiagnosticCode> Unsupported =
    [
        DiagnosticCode.UnverifiableInstruction, DiagnosticCode.UnknownHelperPrototype,
    ];

    /// <summary>The running kernel's types, which BTF-typed pointers are checked against, as libbpf would load the tools here.</summary>
    private static ITargetTypes? KernelTypes => BtfTargetTypes.Of(ObjectReadOptions.Default);

    /// <summary>
    /// The file system tools' fentry/fexit programs name placeholders (<c>fentry/dummy_file_read</c>) that the tool replaces
    /// at load time with its file system's functions (<c>bpf_program__set_attach_target</c>); here, as the tool does when
    /// run as (or told) <c>-t ext4</c>, <c>btrfs</c>, <c>xfs</c> or <c>nfs</c>. Without it libbpf refuses the placeholder
    /// (EBPF5701), as the kernel differential test sees.
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, string>> LoadTimeTargets = new()
    {
        ["btrfs"] = Targets("btrfs_file_read_iter", "btrfs_file_write_iter", "btrfs_file_open", "btrfs_sync_file", "btrfs_getattr"),
        ["ext4"] = Targets("ext4_file_read_iter", "ext4_file_write_iter", "ext4_file_open", "ext4_sync_file", "ext4_file_getattr"),
        ["nfs"] = Targets("nfs_file_read", "nfs_file_write", "nfs_file_open", "nfs_file_fsync", "nfs_getattr"),
        ["xfs"] = Targets("xfs_file_read_iter", "xfs_file_write_iter", "xfs_file_open", "xfs_file_fsync", "xfs_vn_getattr"),
    };

    /// <summary>
    /// Programs whose attach target is not a function of this kernel (the tools choose between fentry and kprobes, or
    /// between old and new function names, at run time): libbpf refuses them before the kernel verifies, and so do we
    /// (EBPF5701); the nfs tools' targets live in a module this kernel does not have.
    /// </summary>
    private static readonly HashSet<string> TargetsAbsentHere = ["cachestat", "mdflush", "nfsdist", "nfsslower", "numamove", "readahead"];

    /// <summary>
    /// Tools whose object uses libbpf's <c>__kconfig</c> externs (<c>LINUX_KERNEL_VERSION</c>, <c>LINUX_HAS_BPF_COOKIE</c>),
    /// which the reader fills as libbpf does (a read-only <c>.kconfig</c> map); a meta-test checks they are read.
    /// </summary>
    private static readonly HashSet<string> KconfigExterns = ["biolatency", "biosnoop", "bitesize", "capable", "javagc"];

    /// <summary>
    /// Programs the kernel accepts and we refuse because paths meet: we keep one state per instruction, so a register
    /// that holds a map value on one path and a stack buffer on the other (<c>lookup(...) ?: &amp;zero</c>) is neither
    /// afterwards, where the kernel walks the paths apart (docs/verifier.md, "Differences from the kernel's verifier").
    /// Safe, and listed so that any other refusal, or one of these becoming an acceptance, shows.
    /// </summary>
    private static readonly Dictionary<(string Tool, string Program), DiagnosticCode> JoinedPaths = new()
    {
        [("biostacks", "blk_account_io_merge_bio")] = DiagnosticCode.InvalidDereference,
        [("tcplife", "inet_sock_set_state")] = DiagnosticCode.PointerComparison,
        [("tcptop", "tcp_sendmsg")] = DiagnosticCode.InvalidHelperArgument,
        [("tcptop", "tcp_cleanup_rbuf")] = DiagnosticCode.InvalidHelperArgument,
        [("biosnoop", "block_rq_insert")] = DiagnosticCode.PointerComparison,
        [("biosnoop", "block_rq_issue")] = DiagnosticCode.PointerComparison,
    };

    private static readonly string[] ToolNames =
    [
        "bashreadline", "bindsnoop", "biolatency", "biopattern", "biosnoop", "biostacks", "biotop", "bitesize", "btrfsdist",
        "btrfsslower", "cachestat", "capable", "cpudist", "cpufreq", "drsnoop", "execsnoop", "exitsnoop", "ext4dist",
        "ext4slower", "filelife", "filetop", "fsdist", "fsslower", "funclatency", "gethostlatency", "hardirqs", "javagc",
        "killsnoop", "klockstat", "ksnoop", "llcstat", "mdflush", "mountsnoop", "nfsdist", "nfsslower", "numamove",
        "offcputime", "oomkill", "opensnoop", "readahead", "runqlat", "runqlen", "runqslower", "sigsnoop", "slabratetop",
        "softirqs", "solisten", "statsnoop", "syscount", "tcpconnect", "tcpconnlat", "tcplife", "tcprtt", "tcpstates",
        "tcpsynbl", "tcptop", "tcptracer", "vfsstat", "wakeuptime", "xfsdist", "xfsslower",
    ];

    /// <summary>Every tool of libbpf-tools 0.26 (a meta-test checks that none installed is missing).</summary>
    public static TheoryData<string> Tools() => new(ToolNames);

    [LibbpfToolsFact]
    public void Every_installed_tool_is_listed()
    {
        var installed = File.ReadAllLines(PackageList).Where(l => l.StartsWith("/usr/sbin/", StringComparison.Ordinal)).Select(Path.GetFileName).ToList();
        var missing = installed.Where(t => !ToolNames.Contains(t)).ToList();

        Assert.True(missing.Count == 0, $"tools not in {nameof(ToolNames)}: {string.Join(", ", missing)}");
        Assert.True(installed.Count >= 55, $"only {installed.Count} tools in {PackageList}");
    }

    [LibbpfToolsTheory]
    [MemberData(nameof(Tools))]
    public void Every_program_is_accepted_or_refused_for_a_feature_the_platform_does_not_model(string tool)
    {
        var spec = WithLoadTimeTargets(tool, Read(tool, out _));
        var results = CCorpus.Verify(spec, KernelTypes);
        foreach (var result in results)
        {
            output.WriteLine($"{result.ProgramName}: {(result.IsAccepted ? "accepted" : string.Join("; ", result.Diagnostics))} ({result.Statistics})");
        }

        Assert.NotEmpty(results);
        var wrong = results.Where(r => Verdict(tool, r) == OurVerdict.Rejected).ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong.Select(r => $"{r.ProgramName}: {string.Join("; ", r.Diagnostics)}")));
        var stale = results.Where(r => r.IsAccepted && JoinedPaths.ContainsKey((tool, r.ProgramName))).ToList();
        Assert.True(stale.Count == 0, $"now accepted, remove from {nameof(JoinedPaths)}: {string.Join(", ", stale.Select(r => r.ProgramName))}");
    }

    [LibbpfToolsFact]
    public void Most_programs_are_accepted_and_every_refusal_is_counted()
    {
        var counts = new Dictionary<string, int>();
        foreach (var tool in ToolNames)
        {
            var verdicts = CCorpus.Verify(WithLoadTimeTargets(tool, Read(tool, out _)), KernelTypes).Select(r => Verdict(tool, r));
            foreach (var verdict in verdicts)
            {
                counts[verdict.ToString()] = counts.GetValueOrDefault(verdict.ToString()) + 1;
            }
        }

        output.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}")));
        Assert.False(counts.ContainsKey(nameof(OurVerdict.Rejected)));
        Assert.True(counts.GetValueOrDefault(nameof(OurVerdict.Accepted)) >= 200, "fewer than 200 programs accepted");
    }

    [LibbpfToolsTheory(kernel: true)]
    [MemberData(nameof(Tools))]
    public void The_kernel_agrees_with_each_verdict_it_gives(string tool)
    {
        var spec = Read(tool, out var elf);

        // The object as it is, placeholders included: what bpftool loads is what we verify.
        var results = CCorpus.Verify(spec, KernelTypes).ToDictionary(r => r.ProgramName);
        var path = Path.Combine(Path.GetTempPath(), $"ebpf_libbpf_tools_{Environment.ProcessId}_{tool}.o");
        var disagreements = new List<string>();
        try
        {
            foreach (var (index, section) in AutoloadOnly.ProgramSections(elf))
            {
                File.WriteAllBytes(path, AutoloadOnly.Keep(elf, index));
                var programs = spec.Programs.Where(p => p.SectionName == section).ToList();

                // bpftool 7.1 pins every program once the object loaded, also those it did not load, and fails on the
                // first of them: reaching the pins means the kernel accepted the section.
                var kernel = KernelVerdict.Accepts(path, withoutPerfmon: false, out var log, spec.Maps)
                    || log.Contains("can't pin program that wasn't loaded", StringComparison.Ordinal);
                var ours = programs.Select(p => results[p.Name]).ToList();
                var accepted = ours.All(r => r.IsAccepted);
                var unsupported = !accepted && ours.All(r => Verdict(tool, r) != OurVerdict.Rejected);

                // libbpf prints the kernel's log between these lines when the verifier ran; without it the kernel
                // refused the program before verifying it (this kernel has no BPF trampolines, say), which is no verdict.
                // A CO-RE relocation this kernel's types cannot satisfy makes libbpf poison the instruction (a call of
                // 0xbad2310), and the kernel refuses that call. We now relocate against the same types, so we must refuse
                // exactly those programs for the same reason (EBPF4105).
                var poisoned = log.Contains("failed to resolve CO-RE relocation", StringComparison.Ordinal);
                if (ours.Any(r => Verdict(tool, r) == OurVerdict.UnresolvedRelocation) != poisoned && !kernel)
                {
                    disagreements.Add($"{section}: libbpf {(poisoned ? "poisoned" : "did not poison")} a relocation, we {(poisoned ? "did not reach one" : "reached one")}{Environment.NewLine}{Tail(log)}");
                }

                // libbpf looks the attach target up in the kernel's BTF before loading: a target it cannot find is one we refuse.
                var targetMissing = log.Contains("failed to find kernel BTF type ID", StringComparison.Ordinal);
                if (ours.Any(r => r.Diagnostics.Any(d => d.Code == DiagnosticCode.AttachTargetNotFound)) != targetMissing && !kernel)
                {
                    disagreements.Add($"{section}: libbpf {(targetMissing ? "did not find" : "found")} the attach target, we {(targetMissing ? "did" : "did not")}{Environment.NewLine}{Tail(log)}");
                }

                var verified = log.Contains("-- BEGIN PROG LOAD LOG --", StringComparison.Ordinal)
                    && !log.Contains("failed to resolve CO-RE relocation", StringComparison.Ordinal);
                var verdict = kernel ? "accepts" : verified ? "rejects" : "cannot judge";
                output.WriteLine($"{section}: kernel {verdict}, we {(accepted ? "accept" : unsupported ? "refuse (unsupported feature or joined paths)" : "reject")}");
                if ((kernel && !accepted && !unsupported) || (!kernel && verified && accepted))
                {
                    disagreements.Add($"{section}: the kernel {verdict} it, we {(accepted ? "accept" : "reject")} it{Environment.NewLine}{Tail(log)}");
                }
            }
        }
        finally
        {
            File.Delete(path);
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
    }

    /// <summary>What we make of a program: accepted, refused for a documented unsupported feature or a known joined path, or rejected.</summary>
    private enum OurVerdict
    {
        Accepted,
        Unsupported,
        JoinedPaths,
        /// <summary>Reaches an instruction libbpf would poison too: a CO-RE relocation this kernel's types cannot satisfy.</summary>
        UnresolvedRelocation,
        /// <summary>Attaches to a function this kernel does not have, which libbpf refuses too.</summary>
        AttachTargetAbsent,
        Rejected,
    }

    private static OurVerdict Verdict(string tool, VerificationResult result) =>
        result.IsAccepted ? OurVerdict.Accepted
        : result.Diagnostics.All(d => d.Code == DiagnosticCode.AttachTargetNotFound) && TargetsAbsentHere.Contains(tool) ? OurVerdict.AttachTargetAbsent
        : result.Diagnostics.All(d => Unsupported.Contains(d.Code)) ? OurVerdict.Unsupported
        : result.Diagnostics.All(d => d.Code == DiagnosticCode.UnresolvedCoreRelocation) ? OurVerdict.UnresolvedRelocation
        : JoinedPaths.TryGetValue((tool, result.ProgramName), out var code) && result.Diagnostics.All(d => d.Code == code) ? OurVerdict.JoinedPaths
        : OurVerdict.Rejected;

    /// <summary>
    /// The tool's embedded object read as libbpf would on this machine: CO-RE relocations applied against the running
    /// kernel's BTF and externs filled from its configuration, so that our verdicts and the kernel's are on the same code.
    /// </summary>
    private static ObjectSpec Read(string tool, out byte[] elf)
    {
        var binary = Path.Combine("/usr/sbin", tool);
        Assert.True(File.Exists(binary), $"{binary} is not installed: the list follows libbpf-tools 0.26 (Debian 12)");
        elf = Assert.Single(EmbeddedObjects.Find(File.ReadAllBytes(binary)));
        var read = ObjectReader.TryRead(elf, tool + ".bpf.o", out var spec, out var diagnostics);
        Assert.True(read, string.Join(Environment.NewLine, diagnostics));
        Assert.Equal(KconfigExterns.Contains(tool), spec!.FindMap(".kconfig") is not null);
        return spec;
    }

    /// <summary>The tool's program with the attach targets it sets at load time, for the file system tools.</summary>
    private static ObjectSpec WithLoadTimeTargets(string tool, ObjectSpec spec)
    {
        var fs = tool.StartsWith("fs", StringComparison.Ordinal) ? "ext4" : LoadTimeTargets.Keys.FirstOrDefault(tool.StartsWith);
        if (fs is null)
        {
            return spec;
        }

        var targets = LoadTimeTargets[fs];
        return spec with
        {
            Programs = [.. spec.Programs.Select(p => p.AttachTarget is { } t && targets.TryGetValue(t, out var real) ? p with { AttachTarget = real } : p)],
        };
    }

    private static Dictionary<string, string> Targets(string read, string write, string open, string sync, string getattr) => new()
    {
        ["dummy_file_read"] = read, ["dummy_file_write"] = write, ["dummy_file_open"] = open, ["dummy_file_sync"] = sync, ["dummy_getattr"] = getattr,
    };

    private static string Tail(string log) => string.Join(Environment.NewLine, log.Split('\n').TakeLast(12));
}
