using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Ebpf.Hooks.Xdp;
using Ebpf.Hooks.Xdp.Live;

namespace Ebpf.Cli.Commands;

/// <summary>
/// <c>ebpf xdp attach OBJ [program NAME] --interface IF [--peer IF2] [--workers N]</c>: the program on a live
/// interface until Ctrl-C (or <c>--duration</c>), then the counters and maps.
/// </summary>
internal static class XdpAttachCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("object") { Description = "A clang BPF object with an XDP program." };
        var selector = ProgramSelector.Create();
        var device = new Option<string>("--interface", "--dev") { Description = "The interface whose arriving frames the program sees.", Required = true };
        var peer = new Option<string?>("--peer") { Description = "Bridge to this interface: XDP_PASS frames go out of it, and its arriving frames go back out of --interface." };
        var workers = new Option<int>("--workers")
        {
            Description = "Threads sharing the interface (PACKET_FANOUT); each is a CPU of per-CPU maps.",
            DefaultValueFactory = _ => 1,
            Validators = { r => { if (r.GetValueOrDefault<int>() is < 1 or > 64) { r.AddError("--workers takes 1 to 64."); } } },
        };
        var duration = new Option<double?>("--duration") { Description = "Detach after this many seconds instead of waiting for Ctrl-C." };
        var engine = EngineOption.Create();
        var uncheckedOption = XdpProgramInput.CreateUncheckedOption();
        var json = new Option<bool>("--json", "-j") { Description = "Print the counters and maps as JSON when detached." };
        var platform = PlatformOption.Create();
        var command = new Command("attach", "Attach an XDP program to a live Linux interface (packet sockets; needs root) until Ctrl-C; optionally bridge it to a peer.")
        {
            path, selector, device, peer, workers, duration, engine, uncheckedOption, json, platform,
        };
        command.SetAction(parse => CommandAction.Run(parse, output =>
        {
            var count = parse.GetValue(workers);
            var (loaded, program) = XdpProgramInput.Load(parse.GetValue(path)!, ProgramSelector.Name(parse, selector), parse.GetValue(engine), parse.GetValue(uncheckedOption), count, parse.GetValue(platform));
            using var _ = loaded;
            using var stop = new CancellationTokenSource();
            if (parse.GetValue(duration) is { } seconds)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            // Ctrl-C (SIGINT) and SIGTERM detach cleanly and print the counters, instead of ending the process.
            void Detach(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Detach);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Detach);
            XdpLinkCounters counters;
            using (var link = XdpLink.Attach(program, new XdpAttachOptions(parse.GetValue(device)!) { Peer = parse.GetValue(peer), Workers = count }))
            {
                if (!parse.GetValue(json))
                {
                    output.WriteLine($"{program.Name} attached to {link.Interface} (ifindex {link.Ifindex}){(link.PeerIfindex != 0 ? $", bridged to {parse.GetValue(peer)} (ifindex {link.PeerIfindex})" : "")}, {count} worker(s); Ctrl-C detaches.");
                }

                stop.Token.WaitHandle.WaitOne();
                counters = link.Counters;
            }

            Print(output, program.Name, parse.GetValue(peer), counters, parse.GetValue(json) ? loaded.Maps : null);
            if (!parse.GetValue(json))
            {
                MapDump.Print(output, loaded.Maps, json: false);
            }

            return EbpfCommand.Success;
        }));
        return command;
    }

    /// <summary>The counters; as JSON with the maps when <paramref name="jsonMaps"/> is given.</summary>
    private static void Print(TextWriter output, string program, string? peer, XdpLinkCounters counters, IEnumerable<Runtime.Maps.BpfMap>? jsonMaps)
    {
        var verdicts = counters.Verdicts;
        if (jsonMaps is not null)
        {
            Output.WriteJson(output, new
            {
                Program = program,
                Packets = verdicts.Packets,
                Bytes = verdicts.Bytes,
                Skipped = verdicts.Skipped,
                FromPeer = counters.FromPeer,
                SendErrors = counters.SendErrors,
                Verdicts = Enum.GetValues<XdpAction>().ToDictionary(a => a.ToString().ToLowerInvariant(), a => new { Packets = verdicts.PacketsOf(a), Bytes = verdicts.BytesOf(a) }),
                Maps = MapDump.Json(jsonMaps),
            });
            return;
        }

        XdpSummaryOutput.PrintTable(output, $"{program}: frames that arrived", verdicts, action => action switch
        {
            XdpAction.Pass => peer ?? "-",
            XdpAction.Tx => "back out",
            XdpAction.Redirect => "redirect target",
            _ => "-",
        });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verdicts.Packets} frames ({verdicts.Skipped} skipped for their size), {counters.FromPeer} from the peer, {counters.SendErrors} send errors"));
    }
}
