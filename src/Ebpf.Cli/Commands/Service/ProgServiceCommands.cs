using System.CommandLine;
using Ebpf.Service.Contracts;
using static Ebpf.Cli.Commands.Service.ServiceConnection;

namespace Ebpf.Cli.Commands.Service;

/// <summary><c>ebpf prog load|loadall|show|pin|unload</c>, and <c>prog run</c> / <c>prog dump xlated</c> of loaded programs: bpftool's verbs, through the service.</summary>
internal static class ProgServiceCommands
{
    /// <summary>The hidden names <see cref="EbpfCommand"/> routes <c>prog run (id|pinned) ...</c> and <c>prog dump xlated (id|pinned) ...</c> to.</summary>
    public const string RunLoaded = "run-loaded";

    public const string XlatedLoaded = "xlated-loaded";

    public static IEnumerable<Command> Create() =>
    [
        ServiceConnection.Create("load", "Verify and load an object's first program and pin it at PATH; its maps too with 'pinmaps DIR'.",
            "prog load OBJ PATH [pinmaps DIR] [unverified]", call => Load(call, all: false)),
        ServiceConnection.Create("loadall", "Verify and load every program of an object, pinned under DIR by name; its maps too with 'pinmaps DIR'.",
            "prog loadall OBJ DIR [pinmaps DIR] [unverified]", call => Load(call, all: true)),
        ServiceConnection.Create("show", "Show loaded programs (all, or one).", "prog show [id ID | pinned PATH]", Show),
        ServiceConnection.Create("pin", "Pin a loaded program at a path.", $"prog pin {Grammar.Object} PATH", call =>
        {
            var id = call.Words.TakeProgram(call.Host);
            var path = call.Words.Take("PATH");
            call.Words.End();
            call.Host.PinAsync(new PinRequest(path, PinInfo.ProgramKind, id)).GetAwaiter().GetResult();
            return EbpfCommand.Success;
        }),
        ServiceConnection.Create("unload", "Unload a program: its pins and links go with it.", $"prog unload {Grammar.Object}", Unload),
        ServiceConnection.Create(RunLoaded, "Run a loaded program on data (prog run PROG data_in FILE [data_out FILE] [repeat N]).",
            $"prog run {Grammar.Object} data_in FILE [data_out FILE] [repeat N]", Run, hidden: true),
    ];

    public static Command Xlated() => ServiceConnection.Create(XlatedLoaded, "Print a loaded program's instructions.", $"prog dump xlated {Grammar.Object}", call =>
    {
        var id = call.Words.TakeProgram(call.Host);
        call.Words.End();
        return call.Write(call.Host.XlatedAsync(id).GetAwaiter().GetResult().Lines, (output, line) => output.WriteLine(line));
    }, hidden: true);

    public static int Unload(Call call)
    {
        var id = call.Words.TakeProgram(call.Host);
        call.Words.End();
        call.Host.UnloadProgramAsync(id).GetAwaiter().GetResult();
        return EbpfCommand.Success;
    }

    public static int Load(Call call, bool all, string? pinKeyword = null)
    {
        var file = call.Words.Take("OBJ");
        var pin = pinKeyword is null || call.Words.TakeIf(pinKeyword) ? call.Words.Take(all ? "DIR" : "PATH") : null;
        string? pinMaps = null;
        var unverified = false;
        while (!call.Words.AtEnd)
        {
            if (call.Words.TakeIf("pinmaps"))
            {
                pinMaps = call.Words.Take("DIR");
            }
            else if (call.Words.TakeIf("unverified"))
            {
                unverified = true;
            }
            else
            {
                call.Words.End();
            }
        }

        var request = new LoadObjectRequest(Path.GetFileName(file), CommandAction.ReadFile(file), all ? null : pin, all ? pin : null, pinMaps, unverified);
        var loaded = call.Host.LoadAsync(request).GetAwaiter().GetResult();
        return call.Write(loaded, loaded.Programs, Print.Program);
    }

    public static int Show(Call call)
    {
        ProgramInfo[] programs = call.Words.AtEnd ? call.Host.ProgramsAsync().GetAwaiter().GetResult() : [call.Host.ProgramAsync(call.Words.TakeProgram(call.Host)).GetAwaiter().GetResult()];
        call.Words.End();
        return call.Write(programs, Print.Program);
    }

    private static int Run(Call call)
    {
        var id = call.Words.TakeProgram(call.Host);
        byte[] data = [];
        string? dataOut = null;
        var repeat = 1;
        while (!call.Words.AtEnd)
        {
            switch (call.Words.Take("a keyword"))
            {
                case "data_in":
                    data = CommandAction.ReadFile(call.Words.Take("FILE"));
                    break;
                case "data_out":
                    dataOut = call.Words.Take("FILE");
                    break;
                case "repeat":
                    repeat = (int)call.Words.TakeNumber("N");
                    break;
                default:
                    throw call.Words.Usage("data_in, data_out and repeat are the keywords");
            }
        }

        var result = call.Host.RunAsync(id, new RunProgramRequest(data, repeat)).GetAwaiter().GetResult();
        if (dataOut is not null)
        {
            File.WriteAllBytes(dataOut, result.DataOut);
        }

        if (call.Json)
        {
            Output.WriteJson(call.Output, new { Retval = result.ReturnValue, Duration = (long)result.AverageNanoseconds, result.Fault });
        }
        else
        {
            call.Output.WriteLine($"Return value: {result.ReturnValue}, duration{(repeat > 1 ? " (average)" : "")}: {(long)result.AverageNanoseconds}ns");
            if (result.Fault is not null)
            {
                call.Output.WriteLine(result.Fault);
            }
        }

        return result.Fault is null ? EbpfCommand.Success : EbpfCommand.NegativeVerdict;
    }
}
