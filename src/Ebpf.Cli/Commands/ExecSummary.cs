using Ebpf.Hooks.Sockets;

namespace Ebpf.Cli.Commands;

/// <summary>What <c>ebpf exec</c> prints when the command exits: the hooks' counters and the programs' maps.</summary>
internal static class ExecSummary
{
    public static void Print(TextWriter output, SocketHookSession session, int exitCode, bool json)
    {
        var counters = session.Counters;
        var maps = session.Objects.SelectMany(o => o.Maps).Where(m => !m.Name.StartsWith('.')).ToList();
        if (json)
        {
            Output.WriteJson(output, new
            {
                ExitCode = exitCode,
                Calls = new
                {
                    counters.Allowed, counters.Redirected, counters.Denied, counters.Unhooked, counters.PassedThrough, counters.Faults,
                },
                Maps = MapDump.Json(maps),
            });
            return;
        }

        output.WriteLine($"exit code {exitCode}; calls: {counters.Allowed} allowed, {counters.Redirected} redirected, {counters.Denied} denied, "
            + $"{counters.Unhooked} without a program, {counters.PassedThrough} passed to the kernel (not IPv4/IPv6)");
        MapDump.Print(output, maps, json: false);
    }
}
