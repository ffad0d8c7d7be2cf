using System.Globalization;
using System.Runtime;
using System.Text;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using Ebpf.Runtime.Compilation;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Helpers;
using Ebpf.Runtime.Memory;

namespace Ebpf.Benchmarks;

/// <summary>
/// What compiling costs: a 4,000-instruction program (loads, arithmetic, forward branches) compiled after warm-up,
/// timed from IL emission through RyuJIT's compilation on the first run, and the memory each compiled program
/// holds while alive (it is all released with the program: the code is collectible).
/// </summary>
internal static class CompileTimes
{
    public static void Print(bool dryRun)
    {
        var program = Program(4000);
        var rounds = dryRun ? 2 : 20;
        using var memory = new NativeBuffer(64);
        var request = ExecutionRequest.ForMemory(memory.AsRegion("mem"));
        var options = new ExecutionOptions(Checked: false);
        for (var i = 0; i < 3; i++)
        {
            JitProgram.Compile(program, HelperTable.Empty, options).Run(request);
        }

        double emit = 0, total = 0, cpu = 0;
        for (var i = 0; i < rounds; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var startCpu = ThreadClock.CpuMilliseconds();
            var compiled = JitProgram.Compile(program, HelperTable.Empty, options);
            compiled.Run(request);
            cpu += ThreadClock.CpuMilliseconds() - startCpu;
            total += System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            emit += compiled.CompileTime.TotalMilliseconds;
        }

        // Memory held per live compiled program, and what is left once they are dropped (collectible code).
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var held = Enumerable.Range(0, rounds).Select(_ => JitProgram.Compile(program, HelperTable.Empty, options)).ToList();
        held.ForEach(p => p.Run(request));
        var live = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)rounds;
        GC.KeepAlive(held);
        held.Clear();
        var after = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)rounds;

        Console.WriteLine("JIT compile cost, 4,000-instruction program, after warm-up:");
        Console.WriteLine();
        Console.WriteLine("| IL emission ms | emission + RyuJIT + first run ms | the same, this thread's CPU ms | managed bytes held per program | held after release |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {emit / rounds:F2} | {total / rounds:F2} | {cpu / rounds:F2} | {live:F0} | {Math.Max(after, 0):F0} |"));
    }

    /// <summary>Blocks of a byte load, arithmetic and a forward branch, ending in exit.</summary>
    private static DecodedProgram Program(int instructions)
    {
        var text = new StringBuilder("mov %r0, 0\nmov %r2, 0\n");
        for (var block = 0; (block + 1) * 9 + 3 < instructions; block++)
        {
            text.Append(CultureInfo.InvariantCulture, $"ldxb %r3, [%r1+{block % 64}]\nadd %r0, %r3\nxor %r0, {block}\nmov %r4, %r0\nrsh %r4, 3\nmul %r0, 31\njgt %r4, 1000, +2\nsub %r0, %r4\nadd %r2, 1\n");
        }

        text.Append("exit\n");
        if (!ProgramDecoder.TryDecode(Assembler.Assemble(text.ToString()).AsSpan(), out var program, out var diagnostics))
        {
            throw new InvalidOperationException(string.Join("\n", diagnostics));
        }

        return program!;
    }
}
