using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ebpf.Testing;

/// <summary>
/// <c>BPF_PROG_TEST_RUN</c> in the Linux kernel through bpftool: load an object's programs into a pin folder, run
/// one on a packet. Shared source, with <see cref="KernelOracle"/>, of the tests and the benchmark harness (no test framework here).
/// </summary>
internal static partial class KernelTestRun
{
    private static readonly string[] Folders = ["/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin", "/bin"];

    /// <summary>Why the kernel cannot run programs here, or null.</summary>
    public static string? Unavailable =>
        !OperatingSystem.IsLinux() ? "the kernel oracle is Linux's"
        : Environment.UserName != "root" ? "loading programs into the kernel needs root"
        : BpftoolPath is null ? "bpftool is missing (apt-get install bpftool)"
        : !Directory.Exists("/sys/fs/bpf") ? "no BPF filesystem at /sys/fs/bpf"
        : null;

    private static string? BpftoolPath => Folders.Select(f => Path.Combine(f, "bpftool")).FirstOrDefault(File.Exists);

    /// <summary>Loads every program of <paramref name="objectPath"/> into a new pin folder (unique to this call) and returns the folder.</summary>
    public static string LoadAll(string objectPath, string purpose)
    {
        var folder = $"/sys/fs/bpf/ebpf_{purpose}_{Environment.ProcessId}_{Guid.NewGuid():N}";
        Bpftool("prog", "loadall", objectPath, folder);
        return folder;
    }

    /// <summary>Removes a pin folder made by <see cref="LoadAll"/>, which unloads its programs and maps.</summary>
    public static void Unpin(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Runs a pinned program <paramref name="repeat"/> times on a packet: r0 and the kernel's average ns per run.
    /// The packet out goes to <paramref name="dataOut"/>; <paramref name="contextIn"/> names the files of ctx_in and ctx_out.
    /// </summary>
    public static (ulong Result, double Nanoseconds) Run(string pin, string packetPath, int repeat = 1, string? dataOut = null, (string In, string Out)? contextIn = null)
    {
        string[] output = dataOut is null ? [] : ["data_out", dataOut];
        string[] context = contextIn is { } files ? ["ctx_in", files.In, "ctx_out", files.Out] : [];
        var line = Bpftool(["prog", "run", "pinned", pin, "data_in", packetPath, .. output, .. context, "repeat", repeat.ToString(CultureInfo.InvariantCulture)]);
        var match = RunLine().Match(line);
        if (!match.Success)
        {
            throw new InvalidOperationException($"bpftool prog run printed no result: {line}");
        }

        return (ulong.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Runs bpftool and returns its output; throws with its error output when it fails.</summary>
    public static string Bpftool(params string[] arguments)
    {
        var start = new ProcessStartInfo(BpftoolPath ?? "bpftool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bpftool did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"bpftool {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
    }

    [GeneratedRegex(@"Return value: (\d+), duration[^:]*: (\d+)ns")]
    private static partial Regex RunLine();
}
