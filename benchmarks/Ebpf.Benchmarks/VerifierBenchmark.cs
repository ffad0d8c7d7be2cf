using System.Diagnostics;
using System.Globalization;
using Ebpf.Elf;
using Ebpf.Verifier;

namespace Ebpf.Benchmarks;

/// <summary>
/// What verifying each program costs once the verifier's code is compiled: ../shared/bench, the real-world objects
/// xdp-tools installs (/usr/lib/x86_64-linux-gnu/bpf, where present) and the largest objects libbpf-tools' executables
/// embed (where Debian's libbpf-tools is installed). <c>ebpf verify --stats</c> gives the same figures
/// for one cold process, in which the first program also pays for compiling the verifier.
/// </summary>
internal static class VerifierBenchmark
{
    /// <summary>Where Debian's libxdp1 and xdp-tools install their compiled programs.</summary>
    private const string RealWorld = "/usr/lib/x86_64-linux-gnu/bpf";

    /// <summary>dpkg's list of libbpf-tools' files: the tools in /usr/sbin each embed a BPF object (a libbpf skeleton).</summary>
    private const string LibbpfTools = "/var/lib/dpkg/info/libbpf-tools.list";

    /// <summary>How many of libbpf-tools' objects to measure, the largest first (all 61 take minutes).</summary>
    private const int LargestTools = 8;

    public static void Run(string bench, bool dryRun)
    {
        Console.WriteLine();
        Console.WriteLine("Verifier, per program, after one warm-up verification (median of the runs; memory allocated by one):");
        Console.WriteLine();
        Console.WriteLine("| object | program | verdict | instructions | blocks | iterations | ms | KiB allocated |");
        Console.WriteLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        var objects = Directory.GetFiles(bench, "*.o").Order(StringComparer.Ordinal)
            .Concat(Directory.Exists(RealWorld) ? Directory.GetFiles(RealWorld, "*.o").Order(StringComparer.Ordinal) : []);
        foreach (var (path, spec) in objects.Select(p => (p, ObjectReader.ReadFile(p))).Concat(EmbeddedTools()))
        {
            foreach (var program in spec.Programs)
            {
                var result = ProgramVerifier.Verify(program, spec.Maps);
                var runs = dryRun ? 1 : 9;
                var times = new double[runs];
                long allocated = 0;
                for (var i = 0; i < runs; i++)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var clock = Stopwatch.StartNew();
                    result = ProgramVerifier.Verify(program, spec.Maps);
                    times[i] = clock.Elapsed.TotalMilliseconds;
                    allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                }

                Array.Sort(times);
                var s = result.Statistics;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {Path.GetFileName(path)} | {program.Name} | {(result.IsAccepted ? "accepted" : $"rejected (EBPF{(int)result.Diagnostics[0].Code})")} | {s.Instructions} | {s.BasicBlocks} | {s.Iterations} | {times[runs / 2]:F2} | {allocated / 1024.0:F0} |"));
            }
        }
    }

    /// <summary>The <see cref="LargestTools"/> largest objects embedded in libbpf-tools (by instructions), named after their tool.</summary>
    private static IEnumerable<(string Path, ObjectSpec Spec)> EmbeddedTools()
    {
        if (!File.Exists(LibbpfTools))
        {
            return [];
        }

        var objects = new List<(string, ObjectSpec)>();
        foreach (var tool in File.ReadAllLines(LibbpfTools).Where(l => l.StartsWith("/usr/sbin/", StringComparison.Ordinal) && File.Exists(l)))
        {
            foreach (var elf in Testing.EmbeddedObjects.Find(File.ReadAllBytes(tool)))
            {
                // Objects with externs libbpf fills at load (LINUX_KERNEL_VERSION) are not read here; they have no figures.
                if (ObjectReader.TryRead(elf, Path.GetFileName(tool) + ".bpf.o", out var spec, out _))
                {
                    objects.Add((Path.GetFileName(tool) + ".bpf.o", spec!));
                }
            }
        }

        return objects.OrderByDescending(o => o.Item2.Programs.Sum(p => p.Instructions.Length)).Take(LargestTools).OrderBy(o => o.Item1, StringComparer.Ordinal);
    }
}
