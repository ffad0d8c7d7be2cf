using System.CommandLine;
using Ebpf.Hooks.Xdp;
using Ebpf.Hooks.Xdp.Capture;
using Spectre.Console;

namespace Ebpf.Cli.Commands;

/// <summary>
/// <c>ebpf xdp run OBJ [program NAME] --pcap IN [--pass F] [--drop F] [--tx F] [--redirect F] [--aborted F] [--json] [--dump-maps]</c>:
/// every packet of a capture through an XDP program, each verdict's packets to its own capture, and a summary.
/// </summary>
internal static class XdpRunCommand
{
    /// <summary>How long a run goes before it shows a progress bar.</summary>
    private static readonly TimeSpan ProgressDelay = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var path = new Argument<string>("object") { Description = "A clang BPF object with an XDP program." };
        var selector = ProgramSelector.Create();
        var pcap = new Option<string>("--pcap") { Description = "The capture to run over (pcap or pcapng, Ethernet).", Required = true };
        var outputs = Enum.GetValues<XdpAction>().ToDictionary(a => a, a => new Option<string?>("--" + a.ToString().ToLowerInvariant())
        {
            Description = $"Write the packets the program answers XDP_{a.ToString().ToUpperInvariant()} to this pcap file, as the program left them.",
        });
        var engine = EngineOption.Create();
        var uncheckedOption = XdpProgramInput.CreateUncheckedOption();
        var json = new Option<bool>("--json", "-j") { Description = "Print the summary as JSON." };
        var dumpMaps = new Option<bool>("--dump-maps") { Description = "Print every map's contents after the run (with --json, as its maps property)." };
        var platform = PlatformOption.Create();
        var command = new Command("run", "Run an XDP program over every packet of a capture; write each verdict's packets to its own capture.")
        {
            path, selector, pcap, engine, uncheckedOption, json, dumpMaps, platform,
        };
        foreach (var option in outputs.Values)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var file = parse.GetValue(path)!;
            var (loaded, program) = XdpProgramInput.Load(file, ProgramSelector.Name(parse, selector), parse.GetValue(engine), parse.GetValue(uncheckedOption), platform: parse.GetValue(platform));
            using var _ = loaded;
            using var runner = new XdpRunner(program);
            var options = new XdpCaptureOptions(parse.GetValue(pcap)!)
            {
                Pass = parse.GetValue(outputs[XdpAction.Pass]),
                Drop = parse.GetValue(outputs[XdpAction.Drop]),
                Tx = parse.GetValue(outputs[XdpAction.Tx]),
                Redirect = parse.GetValue(outputs[XdpAction.Redirect]),
                Aborted = parse.GetValue(outputs[XdpAction.Aborted]),
            };
            var interactive = !parse.GetValue(json) && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            var summary = interactive ? WithProgress(runner, options) : XdpCaptureRun.Run(runner, options);
            if (summary.FirstFault is { } fault)
            {
                parse.InvocationConfiguration.Error.WriteLine($"warning: packet {summary.FirstFaultPacket} faulted (counted as aborted): {fault}");
            }

            IEnumerable<Runtime.Maps.BpfMap>? maps = parse.GetValue(dumpMaps) ? loaded.Maps : null;
            XdpSummaryOutput.Print(output, program.Name, options, summary, parse.GetValue(json), maps);
            if (maps is not null && !parse.GetValue(json))
            {
                MapDump.Print(output, maps, json: false);
            }

            return EbpfCommand.Success;
        }));
        return command;
    }

    /// <summary>Runs on a worker thread; if it is not done after a moment, shows a progress bar until it is.</summary>
    private static XdpCaptureSummary WithProgress(XdpRunner runner, XdpCaptureOptions options)
    {
        var fraction = 0.0;
        var run = Task.Run(() => XdpCaptureRun.Run(runner, options, f => Volatile.Write(ref fraction, f)));
        if (!run.Wait(ProgressDelay))
        {
            AnsiConsole.Progress().Start(context =>
            {
                var task = context.AddTask(Path.GetFileName(options.Input), maxValue: 1.0);
                while (!run.Wait(TimeSpan.FromMilliseconds(100)))
                {
                    task.Value = Volatile.Read(ref fraction);
                }

                task.Value = 1.0;
            });
        }

        return run.GetAwaiter().GetResult();
    }
}
