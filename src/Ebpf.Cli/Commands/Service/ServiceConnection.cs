using System.CommandLine;
using Ebpf.Api.Hosting;
using Ebpf.Service.Contracts;

namespace Ebpf.Cli.Commands.Service;

/// <summary>The options every command that talks to <c>ebpfd</c> takes, and the connection they make.</summary>
internal static class ServiceConnection
{
    public static Option<string?> SocketOption() => new("--socket")
    {
        Description = $"The service's socket, or on Windows its pipe (pipe:NAME); default: ${ServiceRoutes.SocketEnvironmentVariable}, else {ServiceRoutes.DefaultSocketPath} (Windows: {ServiceAddress.DefaultPipe}).",
    };

    public static Option<bool> JsonOption() => new("--json", "-j") { Description = "Print JSON." };

    public static Argument<string[]> Words(string description) => new("arguments") { Description = description, Arity = ArgumentArity.ZeroOrMore };

    /// <summary>
    /// A command of words, <c>--socket</c> and <c>--json</c> whose action gets the host, the words and the output;
    /// <paramref name="usage"/> is its grammar after <c>ebpf</c> (<see cref="Grammar"/>), shown by help and named by usage errors.
    /// </summary>
    public static Command Create(string name, string description, string usage, Func<Call, int> body, bool hidden = false)
    {
        var words = Words("The words of: " + usage);
        var socket = SocketOption();
        var json = JsonOption();
        var command = new Command(name, description + " Through the service ebpfd.") { words, socket, json };
        command.Hidden = hidden;
        Grammar.Set(command, usage);
        command.SetAction(parse => CommandAction.Run(parse, output =>
        {
            using var host = BpfHost.Connect(new BpfHostOptions(BpfHostMode.Service, parse.GetValue(socket)));
            return body(new Call(host, new Words(parse.GetValue(words) ?? [], "ebpf " + usage), output, parse.GetValue(json)));
        }));
        return command;
    }

    /// <summary>One invocation: the host, the positional words, where to print, and whether as JSON.</summary>
    internal sealed record Call(IBpfHost Host, Words Words, TextWriter Output, bool Json)
    {
        /// <summary>
        /// What every listing verb prints: <paramref name="json"/> as JSON with <c>-j</c>, else each of
        /// <paramref name="rows"/> as <paramref name="print"/> writes it (bpftool's plain form).
        /// </summary>
        public int Write<T>(object? json, IEnumerable<T> rows, Action<TextWriter, T> print)
        {
            if (Json)
            {
                Ebpf.Cli.Commands.Output.WriteJson(Output, json);
                return EbpfCommand.Success;
            }

            foreach (var row in rows)
            {
                print(Output, row);
            }

            return EbpfCommand.Success;
        }

        /// <summary>The items as a JSON array with <c>-j</c>, else one row each.</summary>
        public int Write<T>(IReadOnlyCollection<T> items, Action<TextWriter, T> print) => Write(items, items, print);

        /// <summary>One item as a JSON object with <c>-j</c>, else its rows.</summary>
        public int WriteOne<T>(T item, Action<TextWriter, T> print) => Write(item, [item], print);
    }
}
