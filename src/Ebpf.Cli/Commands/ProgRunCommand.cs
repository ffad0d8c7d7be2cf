using System.CommandLine;
using System.Globalization;
using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;
using Ebpf.Runtime.Programs;

namespace Ebpf.Cli.Commands;

/// <summary>
/// <c>ebpf prog run OBJ [program NAME] data_in FILE [data_out FILE] [ctx_in FILE] [ctx_out FILE] [repeat N] [engine E]</c>,
/// as bpftool spells it and printing its lines; <c>--dump-maps</c> prints every map afterwards.
/// </summary>
internal static class ProgRunCommand
{
    private static readonly string[] Keywords = ["program", "name", "data_in", "data_out", "ctx_in", "ctx_out", "repeat", "engine"];

    public static Command Create()
    {
        var path = new Argument<string>("object") { Description = "A clang BPF object." };
        var pairs = new Argument<string[]>("arguments")
        {
            Description = "bpftool's keyword pairs: [program NAME] data_in FILE [data_out FILE] [ctx_in FILE] [ctx_out FILE] [repeat N], and [engine "
                + string.Join("|", Engines.Available.Select(EngineOption.Name)) + "] (as --engine).",
            Arity = ArgumentArity.ZeroOrMore,
            Validators = { ValidatePairs },
        };
        var engine = EngineOption.Create();
        var dumpMaps = new Option<bool>("--dump-maps") { Description = "Print every map's contents after the run." };
        var json = new Option<bool>("--json", "-j") { Description = "Print JSON." };
        var unverified = UnverifiedOption.Create();
        var platform = PlatformOption.Create();
        var command = new Command("run", "Verify a program, then run it once or many times on a packet or data, as BPF_PROG_TEST_RUN does: XDP, socket filter and tc programs take data_in (and ctx_in, a struct __sk_buff for the last two); raw tracepoints take their u64 arguments as ctx_in; eBPF for Windows bind programs a bind_md_t as ctx_in and the application id as data_in, its XDP programs data_in (and an xdp_md_t as ctx_in), its sock_addr programs a bpf_sock_addr_t as ctx_in.")
        {
            path, pairs, engine, dumpMaps, json, unverified, platform,
        };
        var target = new TargetOptions();
        target.AddTo(command);
        command.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var file = parse.GetValue(path)!;
            var arguments = ToDictionary(parse.GetValue(pairs) ?? []);
            var spec = ObjectInput.Load(file, target.Read(parse) with { Platform = parse.GetValue(platform) });
            var name = arguments.GetValueOrDefault("program") ?? arguments.GetValueOrDefault("name");
            var selected = ObjectInput.Programs(spec, file, name);
            if (selected.Count != 1)
            {
                throw CommandAction.Refuse(DiagnosticCode.InputFormat, file,
                    $"the object has {selected.Count} programs; choose one with 'program NAME' ({string.Join(", ", selected.Select(p => p.Name))})");
            }

            var options = new TestRunOptions(
                arguments.TryGetValue("data_in", out var dataIn) ? CommandAction.ReadFile(dataIn) : Array.Empty<byte>(),
                arguments.TryGetValue("ctx_in", out var ctxIn) ? CommandAction.ReadFile(ctxIn) : Array.Empty<byte>(),
                arguments.TryGetValue("repeat", out var repeat) ? int.Parse(repeat, CultureInfo.InvariantCulture) : 1);
            var chosen = arguments.TryGetValue("engine", out var engineName) ? EngineOption.Parse(engineName)!.Value : parse.GetValue(engine);
            using var loaded = LoadedObject.Load(spec, new LoadOptions(chosen)
            {
                SkipPrograms = spec.Programs.Where(p => p.Name != selected[0].Name).Select(p => p.Name).ToHashSet(),
                AllowUnverified = parse.GetValue(unverified),
            });
            var result = loaded.Programs[0].TestRun(options);
            if (result.Fault is { } fault)
            {
                parse.InvocationConfiguration.Error.WriteLine(fault.ToDiagnostic() with { Location = new DiagnosticLocation(File: file, Program: selected[0].Name, InstructionIndex: fault.InstructionIndex) });
                return EbpfCommand.NegativeVerdict;
            }

            if (arguments.TryGetValue("data_out", out var dataOut))
            {
                File.WriteAllBytes(dataOut, result.DataOut);
            }

            if (arguments.TryGetValue("ctx_out", out var ctxOut))
            {
                File.WriteAllBytes(ctxOut, result.ContextOut);
            }

            Print(output, result, options.Repeat, parse.GetValue(json));
            if (parse.GetValue(dumpMaps))
            {
                MapDump.Print(output, loaded.Maps, parse.GetValue(json));
            }

            return EbpfCommand.Success;
        }));
        return command;
    }

    /// <summary>bpftool's line: <c>Return value: 2, duration (average): 40ns</c>.</summary>
    private static void Print(TextWriter output, TestRunResult result, int repeat, bool json)
    {
        var nanoseconds = (long)Math.Round(result.AverageNanoseconds);
        if (json)
        {
            Output.WriteJson(output, new { Retval = result.ReturnValue, DurationNs = nanoseconds, DataOutSize = result.DataOut.Length });
            return;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Return value: {result.ReturnValue}, duration{(repeat > 1 ? " (average)" : "")}: {nanoseconds}ns"));
    }

    private static void ValidatePairs(System.CommandLine.Parsing.ArgumentResult result)
    {
        var tokens = result.Tokens.Select(t => t.Value).ToArray();
        if (tokens.Length % 2 != 0)
        {
            result.AddError($"Arguments come in pairs ({string.Join(" ", Keywords.Select(k => k + " X"))}); '{tokens[^1]}' has no value.");
            return;
        }

        for (var i = 0; i < tokens.Length; i += 2)
        {
            if (!Keywords.Contains(tokens[i]))
            {
                result.AddError($"Unknown keyword '{tokens[i]}'; expected one of {string.Join(", ", Keywords)}.");
            }
            else if (tokens[i] == "engine" && EngineOption.Parse(tokens[i + 1]) is null)
            {
                result.AddError($"Unknown engine '{tokens[i + 1]}'; choose one of {string.Join(", ", Engines.Available.Select(EngineOption.Name))}.");
            }
            else if (tokens[i] == "repeat" && (!int.TryParse(tokens[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1))
            {
                result.AddError($"repeat takes a positive number, not '{tokens[i + 1]}'.");
            }
        }
    }

    private static Dictionary<string, string> ToDictionary(string[] tokens)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < tokens.Length; i += 2)
        {
            pairs[tokens[i]] = tokens[i + 1];
        }

        return pairs;
    }
}
