using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ebpf.Benchmarks;

/// <summary>The Linux kernel's own figures: loads objects with bpftool and test-runs their programs.</summary>
internal static partial class Kernel
{
    /// <summary>Why the kernel cannot be measured here, or null.</summary>
    public static string? Unavailable =>
        !OperatingSystem.IsLinux() ? "not Linux"
        : Environment.UserName != "root" ? "not root"
        : !File.Exists("/usr/sbin/bpftool") && !File.Exists("/usr/bin/bpftool") ? "bpftool missing"
        : null;

    /// <summary>Loads every program of an object, runs each on a packet as many times as asked, and returns (program, result, ns per run).</summary>
    public static Dictionary<string, (ulong Result, double Nanoseconds)> Run(string objectPath, string packet, IReadOnlyDictionary<string, int> repeats)
    {
        var pins = $"/sys/fs/bpf/ebpf_bench_{Environment.ProcessId}";
        Directory.CreateDirectory(pins);
        try
        {
            Bpftool("prog", "loadall", objectPath, pins);
            var results = new Dictionary<string, (ulong, double)>(StringComparer.Ordinal);
            foreach (var (program, repeat) in repeats)
            {
                var line = Bpftool("prog", "run", "pinned", $"{pins}/{program}", "data_in", packet, "repeat", repeat.ToString(CultureInfo.InvariantCulture));
                var match = RunLine().Match(line);
                results[program] = (ulong.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
            }

            return results;
        }
        finally
        {
            Directory.Delete(pins, recursive: true);
        }
    }

    private static string Bpftool(params string[] arguments)
    {
        var start = new ProcessStartInfo("bpftool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"bpftool {string.Join(' ', arguments)}: {error}");
    }

    [GeneratedRegex(@"Return value: (\d+), duration[^:]*: (\d+)ns")]
    private static partial Regex RunLine();
}
