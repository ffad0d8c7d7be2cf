using System.Globalization;
using Ebpf.Api;
using Ebpf.Benchmarks;
using Ebpf.Hooks.Sockets;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Programs;
using Ebpf.Testing;

// Per-run times of ../shared/bench on both packets with each engine, and map operation costs, next to
// the kernel's measured in the same run; the XDP capture mode's packets/s; with --bridge (root) the live
// bridge between two namespaces next to the kernel's; the verifier's cost per program.
// Usage: Ebpf.Benchmarks [--seconds S] [--dry-run] [--bridge] [--verifier] [--sockets] [--service] [--only NAME] [--maps] [--naive] [--compile]
// --sockets: only the socket hooks' figures (a python3 client supervised, next to the same client unsupervised).
// --service: only map lookups through the service ebpfd (1 and 50 clients); the dry run includes them.
// --only: the per-program table alone, for the bench programs whose file name contains NAME (quick comparisons).
// --maps: the map operations table alone. --naive: the interpreter against a naive switch loop, alone.
// --compile: the JIT's compile cost alone.
// --dry-run runs every case a few times without timing targets or the kernel: for CI. --verifier: only the verifier's figures.
// Each figure, ours and the kernel's alike, is the best of Batches batch averages: on a shared machine a
// batch that was preempted says more about the neighbours than about the code.
const int Batches = 5;
if (args is [SeccompLauncher.Verb, .. var launch])
{
    // The socket hook case starts this program again as the launcher of the supervised client.
    return SeccompLauncher.Run(launch);
}

var dryRun = args.Contains("--dry-run");
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(0.3);
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
var mapsOnly = args.Contains("--maps");
if (args.Contains("--compile"))
{
    CompileTimes.Print(dryRun);
    return 0;
}

var bench = FindBench();
var packets = Directory.GetFiles(bench, "pkt_*.bin").Order(StringComparer.Ordinal).ToList();
if (args.Contains("--naive"))
{
    NaiveSwitchBenchmark.Run(bench, packets, dryRun, seconds);
    return 0;
}
if (args.Contains("--sockets"))
{
    SocketHookBenchmark.Run(dryRun, seconds);
    return 0;
}

if (args.Contains("--service"))
{
    await ServiceBenchmark.RunAsync(Math.Max(seconds, 1), dryRun);
    return 0;
}

if (args.Contains("--verifier"))
{
    // Only the verifier's figures: they need neither packets timed nor the kernel.
    VerifierBenchmark.Run(bench, dryRun);
    return 0;
}

var kernel = dryRun ? "dry run" : KernelTestRun.Unavailable;
Console.WriteLine(kernel is null ? "Kernel figures measured in this run." : $"No kernel figures: {kernel}.");
Console.WriteLine();
Console.WriteLine("| program | packet | engine | result | ns/run | kernel result | kernel ns/run | kernel's own figure | ratio |");
Console.WriteLine("| --- | --- | --- | --- | ---: | --- | ---: | ---: | ---: |");
foreach (var path in Directory.GetFiles(bench, "*.o").Order(StringComparer.Ordinal).Where(p => !mapsOnly && (only is null || Path.GetFileName(p).Contains(only, StringComparison.Ordinal))))
{
    foreach (var packet in packets)
    {
        var rows = new List<(EngineKind Engine, string Name, ulong Result, double Nanoseconds, int Repeat)>();
        foreach (var engine in Engines.Available.Append(EngineKind.Native))
        {
            // The native engine runs the C# generated ahead of time from the same object (NativeObjects).
            var native = engine == EngineKind.Native ? NativeObjects.For(path) : null;
            if (engine == EngineKind.Native && native is null)
            {
                continue;
            }

            using var obj = native is null ? BpfObject.Open(path) : BpfObject.OpenNative(native);
            obj.Load(engine, new ExecutionOptions(Checked: false));
            var program = obj.Programs.Single();
            var (result, ns, repeat) = Measure(program, File.ReadAllBytes(packet), dryRun, seconds);
            rows.Add((engine, program.Name, result, ns, repeat));
        }

        // The kernel runs once per program and packet, in the same process run, as often as the most-run engine.
        var reference = kernel is null ? KernelFigures(path, packet, new Dictionary<string, int> { [rows[0].Name] = rows.Max(r => r.Repeat) })[rows[0].Name] : default;
        foreach (var row in rows)
        {
            Console.WriteLine(Row(Path.GetFileNameWithoutExtension(path), Path.GetFileNameWithoutExtension(packet), row.Engine, row.Result, row.Nanoseconds, kernel is null ? reference : null));
        }
    }
}

if (only is not null)
{
    return 0;
}

Console.WriteLine();
Console.WriteLine("Map operations (64 per run, minus the empty program's run time), ns per operation:");
Console.WriteLine();
Console.WriteLine("| operation | engine | ns/op | kernel ns/op | ratio |");
Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
var mapOps = Path.Combine(AppContext.BaseDirectory, "programs", "map_ops.o");
var tcp = File.ReadAllBytes(packets[0]);
foreach (var engine in Engines.Available.Append(EngineKind.Native))
{
    // The native rows run Generated/MapOps.g.cs, what `ebpf compile` wrote from map_ops.o.
    using var obj = engine == EngineKind.Native ? BpfObject.OpenNative(NativeObjects.For(mapOps)!) : BpfObject.Open(mapOps);
    obj.Load(engine, new ExecutionOptions(Checked: false));
    var names = obj.Programs.Select(p => p.Name).Where(n => n != "empty").ToList();
    var timed = obj.Programs.ToDictionary(p => p.Name, p => Measure(p, tcp, dryRun, seconds));
    var reference = kernel is null ? KernelFigures(mapOps, packets[0], timed.ToDictionary(t => t.Key, t => t.Value.Repeat)) : null;
    foreach (var name in names)
    {
        var ours = (timed[name].Nanoseconds - timed["empty"].Nanoseconds) / 64;
        double? theirs = reference is null ? null : (reference[name].Nanoseconds - reference["empty"].Nanoseconds) / 64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name.Replace('_', ' ')} | {engine.ToString().ToLowerInvariant()} | {ours:F1} | {(theirs is { } k ? k.ToString("F1", CultureInfo.InvariantCulture) : "-")} | {(theirs is > 0 ? (ours / theirs.Value).ToString("F1", CultureInfo.InvariantCulture) + "x" : "-")} |"));
    }
}

if (mapsOnly)
{
    return 0;
}

Console.WriteLine();
CompileTimes.Print(dryRun);
NaiveSwitchBenchmark.Run(bench, packets, dryRun, seconds);
XdpCaptureBenchmark.Run(bench, dryRun, seconds);
VerifierBenchmark.Run(bench, dryRun);
SocketHookBenchmark.Run(dryRun, seconds);
if (dryRun)
{
    await ServiceBenchmark.RunAsync(seconds, dryRun);
}

if (args.Contains("--bridge"))
{
    BridgeBenchmark.Run(Math.Max(seconds, 1));
}

return 0;

// Loads every program of an object into the kernel, runs each as often as asked, and returns by program r0, ns per run in
// this thread's CPU time (as ours) and the kernel's own figure (its timer, whole nanoseconds: see KernelTimedRun).
static Dictionary<string, (ulong Result, double Nanoseconds, double Own)> KernelFigures(string objectPath, string packet, IReadOnlyDictionary<string, int> repeats)
{
    var folder = KernelTestRun.LoadAll(objectPath, "bench");
    var data = File.ReadAllBytes(packet);
    try
    {
        return repeats.ToDictionary(r => r.Key, r =>
        {
            // Each test run of more than one repeat also costs a fixed millisecond or so (see KernelTimedRun): measured with
            // two repeats (the least of five) and taken off, so that what is left is per run.
            var pin = $"{folder}/{r.Key}";
            KernelTimedRun.Run(pin, data, 1000);
            var fixedCost = Enumerable.Range(0, Batches).Min(_ => KernelTimedRun.Run(pin, data, 2).CpuNanoseconds * 2);
            var runs = Enumerable.Range(0, Batches).Select(_ => KernelTimedRun.Run(pin, data, r.Value)).ToList();
            var perRun = runs.Min(run => run.CpuNanoseconds) - (fixedCost / r.Value);
            return (runs[0].Result, perRun, runs.Min(run => run.OwnNanoseconds));
        }, StringComparer.Ordinal);
    }
    finally
    {
        KernelTestRun.Unpin(folder);
    }
}

// Runs until `seconds` have passed (at least 100 runs), after a warm-up, and returns the average.
static (ulong Result, double Nanoseconds, int Repeat) Measure(BpfProgram program, byte[] packet, bool dryRun, double seconds)
{
    var warm = program.TestRun(new TestRunOptions(packet, Repeat: dryRun ? 3 : 1000));
    if (warm.Fault is { } fault)
    {
        throw new InvalidOperationException($"{program.Name}: {fault}");
    }

    if (dryRun)
    {
        return (warm.ReturnValue, warm.AverageNanoseconds, 3);
    }

    // Estimated again once warm: the first runs include compiling the program, and a batch sized from them would be so
    // short that setting up its test run (a fresh frame, a bound run) would weigh in the CPU time.
    warm = program.TestRun(new TestRunOptions(packet, Repeat: 1000));
    var perRun = Math.Max(warm.AverageNanoseconds, 1);
    var repeat = (int)Math.Clamp(seconds * 1e9 / perRun / Batches, 100, 5_000_000);
    var best = double.MaxValue;
    var result = warm.ReturnValue;
    for (var batch = 0; batch < Batches; batch++)
    {
        // The thread's CPU time, not the wall clock: the kernel's timer leaves out the time its loop is scheduled out, and
        // on a shared machine a wall-clock batch measures the neighbours. (On a quiet machine the two agree.)
        var cpu = ThreadClock.CpuMilliseconds();
        var run = program.TestRun(new TestRunOptions(packet, Repeat: repeat));
        var ns = cpu > 0 ? (ThreadClock.CpuMilliseconds() - cpu) * 1e6 / repeat : run.AverageNanoseconds;
        (result, best) = (run.ReturnValue, Math.Min(best, ns));
    }

    return (result, best, repeat);
}

static string Row(string program, string packet, EngineKind engine, ulong result, double ns, (ulong Result, double Nanoseconds, double Own)? kernel) =>
    string.Create(CultureInfo.InvariantCulture,
        $"| {program} | {packet} | {engine.ToString().ToLowerInvariant()} | {result} | {Ns(ns)} | {(kernel is { } k ? k.Result.ToString(CultureInfo.InvariantCulture) : "-")} | {(kernel is { } t ? Ns(t.Nanoseconds) : "-")} | {(kernel is { } o ? o.Own.ToString("F0", CultureInfo.InvariantCulture) : "-")} | {(kernel is { Nanoseconds: > 0 } r ? (ns / r.Nanoseconds).ToString("F2", CultureInfo.InvariantCulture) + "x" : "-")} |");

// Short runs with a tenth of a nanosecond: a ratio of 9 to 10 ns is otherwise mostly rounding.
static string Ns(double ns) => ns.ToString(ns < 100 ? "F1" : "F0", CultureInfo.InvariantCulture);

static string FindBench()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var bench = Path.Combine(dir.FullName, "..", "shared", "bench");
        if (File.Exists(Path.Combine(dir.FullName, "Ebpf.slnx")) && Directory.Exists(bench))
        {
            return Path.GetFullPath(bench);
        }
    }

    throw new DirectoryNotFoundException("../shared/bench was not found beside the repository");
}
