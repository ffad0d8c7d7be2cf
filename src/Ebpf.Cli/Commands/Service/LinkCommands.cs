using System.CommandLine;
using Ebpf.Service.Contracts;

namespace Ebpf.Cli.Commands.Service;

/// <summary><c>ebpf link show|detach</c> and <c>ebpf net attach xdp</c>: links live in the service and stay attached after the command exits.</summary>
internal static class LinkCommands
{
    public static Command Link() => new("link", "Show and detach links in the service ebpfd.")
    {
        ServiceConnection.Create("show", "Show links and their verdict counters.", "link show [id N]", call =>
        {
            var links = call.Host.LinksAsync().GetAwaiter().GetResult();
            if (call.Words.TakeIf("id"))
            {
                var id = call.Words.TakeNumber("N");
                links = [.. links.Where(l => l.Id == id)];
            }

            call.Words.End();
            if (call.Json)
            {
                Output.WriteJson(call.Output, links);
                return EbpfCommand.Success;
            }

            foreach (var link in links)
            {
                Print.Link(call.Output, link);
            }

            return EbpfCommand.Success;
        }),
        ServiceConnection.Create("detach", "Detach a link.", "link detach id N", call =>
        {
            if (!call.Words.TakeIf("id"))
            {
                throw call.Words.Usage("expected id N");
            }

            var id = call.Words.TakeNumber("N");
            call.Words.End();
            call.Host.DetachAsync(id).GetAwaiter().GetResult();
            return EbpfCommand.Success;
        }),
    };

    public static Command Net() => new("net", "Attach programs to network interfaces, inside the service ebpfd.")
    {
        new Command("attach", "Attach a program.")
        {
            ServiceConnection.Create("xdp", "Attach an XDP program to an interface (optionally bridged to a peer); it runs in the service until detached.",
                "net attach xdp PROG dev IF [peer IF2]", call =>
                {
                    var id = call.Words.TakeProgram(call.Host);
                    var dev = call.Words.TakeIf("dev") ? call.Words.Take("IF") : throw call.Words.Usage("expected dev IF");
                    var peer = call.Words.TakeIf("peer") ? call.Words.Take("IF2") : null;
                    call.Words.End();
                    var link = call.Host.AttachXdpAsync(new AttachXdpRequest(id, dev, peer)).GetAwaiter().GetResult();
                    if (call.Json)
                    {
                        Output.WriteJson(call.Output, link);
                    }
                    else
                    {
                        Print.Link(call.Output, link);
                    }

                    return EbpfCommand.Success;
                }),
        },
    };
}
