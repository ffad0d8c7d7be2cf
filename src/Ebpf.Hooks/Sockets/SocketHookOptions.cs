using Ebpf.Runtime.Loading;

namespace Ebpf.Hooks.Sockets;

/// <summary>What to run under the socket hooks, and with which programs.</summary>
/// <param name="Command">The command and its arguments; the command is looked up in <c>PATH</c> as a shell would.</param>
/// <param name="Programs">The programs of each hook.</param>
/// <param name="Launcher">
/// How to start the launcher: a program and the arguments that make it run <see cref="SeccompLauncher.Run"/> (the
/// <c>ebpf</c> tool and <see cref="SeccompLauncher.Verb"/>); the descriptor and the command are appended.
/// </param>
public sealed record SocketHookOptions(IReadOnlyList<string> Command, SocketHookPrograms Programs, IReadOnlyList<string> Launcher)
{
    /// <summary>The loaded objects the programs come from: the session keeps them, and their maps, for its users to read.</summary>
    public IReadOnlyList<LoadedObject> Objects { get; init; } = [];

    /// <summary>Capture the command's standard output and error (readable from <see cref="SocketHookSession.Process"/>) instead of sharing ours.</summary>
    public bool RedirectOutput { get; init; }

    /// <summary>How long the launcher may take to hand over its filter.</summary>
    public TimeSpan LaunchTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
