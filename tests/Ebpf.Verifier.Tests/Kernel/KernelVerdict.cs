using System.Diagnostics;
using Ebpf.Testing;

namespace Ebpf.Verifier.Tests.Kernel;

/// <summary>
/// Asks the running kernel whether it accepts an object: <c>bpftool prog loadall</c> into a unique pin
/// folder, removed afterwards. Needs root, bpftool and a BPF filesystem; <see cref="Unavailable"/> says why not.
/// </summary>
internal static class KernelVerdict
{
    public static string? Unavailable =>
        !OperatingSystem.IsLinux() ? "the kernel oracle is Linux's"
        : Environment.UserName != "root" ? "loading programs into the kernel needs root"
        : !ExternalTool.IsAvailable("bpftool") ? "bpftool is missing (apt-get install bpftool)"
        : !ExternalTool.IsAvailable("setpriv") ? "setpriv is missing (apt-get install util-linux)"
        : !Directory.Exists("/sys/fs/bpf") ? "no BPF filesystem at /sys/fs/bpf"
        : null;

    /// <summary>
    /// True when the kernel loads every program of <paramref name="objectPath"/>; <paramref name="log"/> holds
    /// bpftool's output, the verifier log included. With <paramref name="withoutPerfmon"/> the loader lacks
    /// <c>CAP_SYS_ADMIN</c> and <c>CAP_PERFMON</c>, under which the kernel refuses pointer leaks and
    /// uninitialized stack reads that it allows privileged loaders.
    /// </summary>
    /// <param name="objectPath">The object file.</param>
    /// <param name="withoutPerfmon">Load without <c>CAP_SYS_ADMIN</c> and <c>CAP_PERFMON</c>.</param>
    /// <param name="log">bpftool's output.</param>
    /// <param name="maps">The object's maps, for those pinned by name, when the file itself is not for our reader.</param>
    public static bool Accepts(string objectPath, bool withoutPerfmon, out string log, IEnumerable<Core.Specs.MapSpec>? maps = null)
    {
        var folder = $"/sys/fs/bpf/ebpf_verifier_{Environment.ProcessId}_{Guid.NewGuid():N}";

        // libbpf pins LIBBPF_PIN_BY_NAME maps at /sys/fs/bpf/NAME; remove those this load creates.
        var byName = (maps ?? Elf.ObjectReader.ReadFile(objectPath).Maps)
            .Where(m => m.Pinning == Core.Specs.MapPinning.ByName)
            .Select(m => $"/sys/fs/bpf/{m.Name}")
            .Where(pin => !File.Exists(pin))
            .ToList();
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true };
        if (withoutPerfmon)
        {
            start.FileName = ExternalTool.Find("setpriv")!;
            foreach (var argument in new[] { "--inh-caps=-sys_admin,-perfmon", "--bounding-set=-sys_admin,-perfmon" })
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(ExternalTool.Find("bpftool")!);
        }
        else
        {
            start.FileName = ExternalTool.Find("bpftool")!;
        }

        foreach (var argument in new[] { "-d", "prog", "loadall", objectPath, folder })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("bpftool did not start");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            log = output + error.Result;
            return process.ExitCode == 0;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            byName.ForEach(File.Delete);
        }
    }
}

/// <summary>A theory that asks the kernel, skipped with the reason where it cannot be asked.</summary>
internal sealed class KernelTheoryAttribute : TheoryAttribute
{
    public KernelTheoryAttribute() => Skip = KernelVerdict.Unavailable;
}
