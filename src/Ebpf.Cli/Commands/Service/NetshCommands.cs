using System.CommandLine;

namespace Ebpf.Cli.Commands.Service;

/// <summary>The netsh spellings eBPF for Windows users know: <c>show programs</c>, <c>show maps</c>, <c>add program</c>, <c>delete program</c>.</summary>
internal static class NetshCommands
{
    public static Command Show() => new("show", "netsh-style: show programs or maps in the service ebpfd.")
    {
        ServiceConnection.Create("programs", "Show loaded programs (as prog show).", "show programs", ProgServiceCommands.Show),
        ServiceConnection.Create("maps", "Show maps (as map show).", "show maps", MapServiceCommands.Show),
    };

    public static Command Add() => new("add", "netsh-style: add a program to the service ebpfd.")
    {
        ServiceConnection.Create("program", "Verify and load every program of an object (as prog loadall), pinned under DIR with 'pinpath DIR'.",
            "add program OBJ [pinpath DIR] [pinmaps DIR]", call => ProgServiceCommands.Load(call, all: true, pinKeyword: "pinpath")),
    };

    public static Command Delete() => new("delete", "netsh-style: remove a program from the service ebpfd.")
    {
        ServiceConnection.Create("program", "Unload a program (as prog unload).", "delete program (ID | id ID | pinned PATH)", call =>
        {
            if (call.Words.Peek is { } first && Words.ParseNumber(first, out _))
            {
                return ProgServiceCommands.Unload(call with { Words = new Words(["id", first], "ebpf delete program ID") });
            }

            return ProgServiceCommands.Unload(call);
        }),
    };
}
