using System.Diagnostics;
using System.Globalization;
using Ebpf.Elf;
using Ebpf.Verifier;

namespace Ebpf.Benchmarks;

/// <summary>
/// What verifying each program costs once the verifier's code is compiled: ../shared/bench and the real-world objects
/// xdp-tools installs (/usr/lib/x86_64-linux-gnu/bpf, where present). <c>ebpf verify --stats</c> gives the same figures
/// for one cold process, in which the first program also pays for compiling the verifier.
/// </summary>
internal static class VerifierBenchmark
{
    /// <summary>Where Debian's libxdp1 and xdp-tools install their compiled programs.</summary>
    private const string RealWorld = "/usr/lib/x86_64-linux-gnu/bpf";

    public static void Run(string bench, bool dryRun)
    {
        Console.WriteLine();
        Console.WriteLine("Verifier, per program, after one warm-up verification (median of the runs; memory allocated by one):");
        Console.WriteLine();
        Console.WriteLine("| object | program | verdict | instructions | blocks | iterations | ms | KiB allocated |");
        Console.WriteLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        var objects = Directory.GetFiles(bench, "*.o").Order(StringComparer.Ordinal)
            .Concat(Directory.Exists(RealWorld) ? Directory.GetFiles(RealWorld, "*.o").Order(StringComparer.Ordinal) : []);
        foreach (var path in objects)
        {
            var spec = ObjectReader.ReadFile(path);
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
}
