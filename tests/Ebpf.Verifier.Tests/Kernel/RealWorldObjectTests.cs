using Ebpf.Core.Diagnostics;
using Ebpf.Testing;

namespace Ebpf.Verifier.Tests.Kernel;

/// <summary>
/// Objects nobody here wrote: xdp-tools' compiled programs (the libxdp dispatcher, xdp-filter, xdpdump, the AF_XDP
/// default program), as Debian's libxdp1/xdp-tools packages install them. The kernel's verdict on each is the
/// expectation: every program it loads we must accept, and the objects it refuses are listed with the reason.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class RealWorldObjectTests
{
    /// <summary>Where Debian's libxdp1 and xdp-tools put the objects (.ci/run installs them).</summary>
    public const string Folder = "/usr/lib/x86_64-linux-gnu/bpf";

    /// <summary>Why a test skips without the objects.</summary>
    public const string Hint = "apt-get install libxdp1 xdp-tools installs xdp-tools' compiled programs there";

    /// <summary>
    /// The objects we refuse, with the code and why. Everything else in <see cref="Objects"/> is accepted, as the
    /// kernel accepts it.
    /// </summary>
    private static readonly Dictionary<string, (DiagnosticCode Code, string Reason)> Refused = new(StringComparer.Ordinal)
    {
        ["xdpdump_bpf.o"] = (DiagnosticCode.BtfTypedPointerUnsupported,
            "fentry/fexit programs that read the xdp_buff through their BTF-typed argument, which we do not model; the "
            + "kernel refuses the object as it is (xdpdump names the target only at load time, the object says 'func', "
            + "which libbpf cannot find in the kernel)"),
    };

    /// <summary>Every object the packages install (a meta-test checks that none is missing from this list).</summary>
    public static TheoryData<string> Objects() => new(ObjectNames);

    private static readonly string[] ObjectNames =
    [
        "xdp-dispatcher.o", "xdpdump_bpf.o", "xdpdump_xdp.o",
        "xdpfilt_alw_all.o", "xdpfilt_alw_eth.o", "xdpfilt_alw_ip.o", "xdpfilt_alw_tcp.o", "xdpfilt_alw_udp.o",
        "xdpfilt_dny_all.o", "xdpfilt_dny_eth.o", "xdpfilt_dny_ip.o", "xdpfilt_dny_tcp.o", "xdpfilt_dny_udp.o",
        "xsk_def_xdp_prog.o", "xsk_def_xdp_prog_5.3.o",
    ];

    [FactRequiringFolder(Folder, Hint)]
    public void Every_installed_object_has_an_expected_verdict()
    {
        var listed = ObjectNames.ToHashSet(StringComparer.Ordinal);
        var unlisted = Directory.GetFiles(Folder, "*.o").Select(f => Path.GetFileName(f)).Where(f => !listed.Contains(f)).ToList();

        Assert.True(unlisted.Count == 0, $"new objects in {Folder}, add them to {nameof(Objects)}: {string.Join(", ", unlisted)}");
    }

    [RealWorldTheory]
    [MemberData(nameof(Objects))]
    public void Our_verdict_is_the_expected_one(string objectFile)
    {
        var path = Path.Combine(Folder, objectFile);
        Assert.True(File.Exists(path), $"{path} is not installed: the list follows xdp-tools 1.3 (Debian's libxdp1 and xdp-tools)");
        var results = CCorpus.Verify(CCorpus.Read(path));

        Assert.NotEmpty(results);
        if (Refused.TryGetValue(objectFile, out var refusal))
        {
            Assert.All(results, r => Assert.Contains(r.Diagnostics, d => d.Code == refusal.Code));
            return;
        }

        var rejected = results.Where(r => !r.IsAccepted).Select(r => $"{r.ProgramName}: {string.Join("; ", r.Diagnostics)}").ToList();
        Assert.True(rejected.Count == 0, $"the kernel accepts {objectFile}, we reject:{Environment.NewLine}{string.Join(Environment.NewLine, rejected)}");
    }

    [RealWorldTheory(kernel: true)]
    [MemberData(nameof(Objects))]
    public void The_kernel_accepts_exactly_the_objects_we_expect_it_to(string objectFile)
    {
        var path = Path.Combine(Folder, objectFile);
        Assert.True(File.Exists(path), $"{path} is not installed: the list follows xdp-tools 1.3 (Debian's libxdp1 and xdp-tools)");
        var accepted = KernelVerdict.Accepts(path, withoutPerfmon: false, out var log);

        var expected = !Refused.ContainsKey(objectFile);
        Assert.True(accepted == expected, $"the kernel {(accepted ? "accepts" : "refuses")} {objectFile}:{Environment.NewLine}{log}");
    }
}
