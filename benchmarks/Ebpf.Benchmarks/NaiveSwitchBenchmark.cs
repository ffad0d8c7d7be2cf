using System.Buffers.Binary;
using System.Globalization;
using Ebpf.Api;
using Ebpf.Core.Isa;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Memory;
using Ebpf.Runtime.Programs;

namespace Ebpf.Benchmarks;

/// <summary>
/// The interpreter against a naive switch loop (<see cref="NaiveSwitchInterpreter"/>) and the JIT, on the bench programs
/// that call no helper, both packets: per-run thread CPU time, best of five batches, as the main table.
/// </summary>
internal static class NaiveSwitchBenchmark
{
    private static readonly string[] Programs = ["xdp_pass", "xdp_checksum", "xdp_hash_payload", "xdp_prime"];

    public static void Run(string bench, IReadOnlyList<string> packets, bool dryRun, double seconds)
    {
        Console.WriteLine();
        Console.WriteLine("The interpreter against a naive switch loop (decodes each instruction as it runs it, allocates its registers and stack per run), unchecked, ns/run:");
        Console.WriteLine();
        Console.WriteLine("| program | packet | naive switch | interpreter | interpreter speed-up | jit | jit speed-up |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var name in Programs)
        {
            foreach (var packetPath in packets)
            {
                var packet = File.ReadAllBytes(packetPath);
                var figures = new Dictionary<EngineKind, double>();
                ulong expected = 0;
                byte[] code = [];
                foreach (var engine in new[] { EngineKind.Interpreter, EngineKind.Jit })
                {
                    using var obj = BpfObject.Open(Path.Combine(bench, name + ".o"));
                    obj.Load(engine, new ExecutionOptions(Checked: false));
                    var program = obj.Programs.Single();
                    code = Instruction.ToBytes(program.Spec.Instructions.AsSpan());
                    expected = program.TestRun(new TestRunOptions(packet, Repeat: 1)).ReturnValue;
                    figures[engine] = Time(dryRun, seconds, repeat => program.TestRun(new TestRunOptions(packet, Repeat: repeat)));
                }

                using var memory = LowMemoryBuffer.Allocate(64 + packet.Length);
                packet.CopyTo(memory.Span[64..]);
                BinaryPrimitives.WriteUInt32LittleEndian(memory.Span, (uint)(memory.Address + 64));
                BinaryPrimitives.WriteUInt32LittleEndian(memory.Span[4..], (uint)(memory.Address + 64 + (ulong)packet.Length));
                var naiveResult = NaiveSwitchInterpreter.Run(code, memory.Address);
                if (naiveResult != expected)
                {
                    throw new InvalidOperationException($"{name}: the naive switch loop gave {naiveResult}, the interpreter {expected}.");
                }

                var naive = Time(dryRun, seconds, repeat =>
                {
                    for (var i = 0; i < repeat; i++)
                    {
                        NaiveSwitchInterpreter.Run(code, memory.Address);
                    }
                });
                var (interpreter, jit) = (figures[EngineKind.Interpreter], figures[EngineKind.Jit]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {Path.GetFileNameWithoutExtension(packetPath)} | {naive:F0} | {interpreter:F0} | {naive / interpreter:F1}x | {jit:F0} | {naive / jit:F1}x |"));
            }
        }
    }

    /// <summary>Thread CPU ns per run: a warm-up, an estimate, then the best of five batches of about seconds/5.</summary>
    private static double Time(bool dryRun, double seconds, Action<int> runs)
    {
        runs(dryRun ? 3 : 1000);
        if (dryRun)
        {
            return 0;
        }

        var start = ThreadClock.CpuMilliseconds();
        runs(1000);
        var perRun = Math.Max((ThreadClock.CpuMilliseconds() - start) * 1e6 / 1000, 1);
        var repeat = (int)Math.Clamp(seconds * 1e9 / perRun / 5, 100, 5_000_000);
        var best = double.MaxValue;
        for (var batch = 0; batch < 5; batch++)
        {
            var cpu = ThreadClock.CpuMilliseconds();
            runs(repeat);
            best = Math.Min(best, (ThreadClock.CpuMilliseconds() - cpu) * 1e6 / repeat);
        }

        return best;
    }
}
