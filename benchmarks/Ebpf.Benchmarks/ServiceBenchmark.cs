using System.Diagnostics;
using System.Globalization;
using Ebpf.Api.Hosting;
using Ebpf.Service.Contracts;
using Ebpf.Service.Hosting;

namespace Ebpf.Benchmarks;

/// <summary>
/// Map lookups through the service: requests per second and latency (median, 99th percentile) with 1 client and with
/// 50 clients each on its own connection, against an <c>ebpfd</c> started in this process on a temporary socket (the
/// requests still cross the Unix socket, HTTP/2 framing and JSON both ways). Runs with <c>--service</c> and in the dry run.
/// </summary>
internal static class ServiceBenchmark
{
    public static async Task RunAsync(double seconds, bool dryRun)
    {
        var folder = Path.Combine("/tmp", "ebpfd-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        await using var service = await ServiceApp.StartAsync(new ServiceOptions(Path.Combine(folder, "ebpfd.sock"), StateDirectory: null));
        using var setup = new ServiceBpfHost(service.Options.SocketPath);
        var map = await setup.CreateMapAsync(new CreateMapRequest("bench", "array", 4, 8, 256));
        Console.WriteLine();
        Console.WriteLine($"Map lookups through the service (array map, 4-byte key, 8-byte value, {seconds:F1} s per row, no state directory):");
        Console.WriteLine();
        Console.WriteLine("| clients | requests/s | median µs | p99 µs |");
        Console.WriteLine("| ---: | ---: | ---: | ---: |");
        foreach (var clients in new[] { 1, 50 })
        {
            var latencies = await MeasureAsync(service.Options.SocketPath, map.Id, clients, dryRun ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromSeconds(seconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {clients} | {latencies.Count / (dryRun ? 0.05 : seconds):F0} | {Percentile(latencies, 0.5):F0} | {Percentile(latencies, 0.99):F0} |"));
        }

        Directory.Delete(folder, recursive: true);
    }

    private static async Task<List<double>> MeasureAsync(string socket, uint map, int clients, TimeSpan duration)
    {
        var all = new List<double>();
        var hosts = Enumerable.Range(0, clients).Select(_ => new ServiceBpfHost(socket)).ToList();
        try
        {
            // One warm-up request per client opens its connection and JITs the path.
            await Task.WhenAll(hosts.Select(h => h.LookupAsync(map, BitConverter.GetBytes(1u))));
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var perClient = await Task.WhenAll(hosts.Select(async (host, i) =>
            {
                var latencies = new List<double>();
                var key = BitConverter.GetBytes((uint)(i % 256));
                while (Stopwatch.GetTimestamp() < end)
                {
                    var start = Stopwatch.GetTimestamp();
                    await host.LookupAsync(map, key);
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }

                return latencies;
            }));
            foreach (var latencies in perClient)
            {
                all.AddRange(latencies);
            }
        }
        finally
        {
            hosts.ForEach(h => h.Dispose());
        }

        all.Sort();
        return all;
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(fraction * sorted.Count))];
}
