using System.CommandLine;
using Ebpf.Service.Contracts;

namespace Ebpf.Cli.Commands.Service;

/// <summary><c>ebpf link show|detach</c> and <c>ebpf net attach xdp</c>: links live in the service and stay attached after the command exits.</summary>
internal static class LinkCommands
{
    public static Command Link() => new("link", "Show and detach links in the service ebpfd.")
    {
        ServiceConnection.Create("show", "Show links and their verdict counters.", "link show [id ID]", call =>
        {
            var links = call.Host.LinksAsync().GetAwaiter().GetResult();
            if (call.Words.TakeIf("id"))
            {
                var id = call.Words.TakeNumber("ID");
                links = [.. links.Where(l => l.Id == id)];
            }

            call.Words.End();
            return call.Write(links, Print.Link);
        }),
        ServiceConnection.Create("detach", "Detach a link.", "link detach id ID", call =>
        {
            if (!call.Words.TakeIf("id"))
            {
                throw call.Words.Usage("expected id ID");
            }

            var id = call.Words.TakeNumber("ID");
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
                $"net attach xdp {Grammar.Object} dev IF [peer IF2]", call =>
                {
                    var id = call.Words.TakeProgram(call.Host);
                    var dev = call.Words.TakeIf("dev") ? call.Words.Take("IF") : throw call.Words.Usage("expected dev IF");
                    var peer = call.Words.TakeIf("peer") ? call.Words.Take("IF2") : null;
                    call.Words.End();
                    return call.WriteOne(call.Host.AttachXdpAsync(new AttachXdpRequest(id, dev, peer)).GetAwaiter().GetResult(), Print.Link);
                }),
        },
    };
}
