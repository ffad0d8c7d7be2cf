using System.Diagnostics.CodeAnalysis;

namespace Ebpf.Service.Contracts;

/// <summary>
/// Where the service listens, from the one socket option clients and the service take: a Unix domain socket path, or
/// a local named pipe written <c>\\.\pipe\NAME</c> (Windows' own spelling) or <c>pipe:NAME</c> (easier to type in a shell).
/// </summary>
/// <param name="Value">The socket path, or the pipe's name without its <c>\\.\pipe\</c> prefix.</param>
/// <param name="IsNamedPipe">Whether <paramref name="Value"/> is a named pipe's name.</param>
public sealed record ServiceAddress(string Value, bool IsNamedPipe)
{
    /// <summary>The pipe the service listens on by default on Windows.</summary>
    public const string DefaultPipe = @"\\.\pipe\ebpfd";

    /// <summary>The longest pipe name Windows accepts after <c>\\.\pipe\</c>.</summary>
    public const int MaxPipeNameLength = 256;

    private const string PipePrefix = "pipe:";
    private const string LocalPipePrefix = @"\\.\pipe\";

    /// <summary>The default address of this platform: <see cref="DefaultPipe"/> on Windows, <see cref="ServiceRoutes.DefaultSocketPath"/> elsewhere.</summary>
    public static string PlatformDefault => OperatingSystem.IsWindows() ? DefaultPipe : ServiceRoutes.DefaultSocketPath;

    /// <summary>
    /// Reads <paramref name="text"/>: <c>pipe:NAME</c> and <c>\\.\pipe\NAME</c> are named pipes (prefixes compared
    /// ignoring case, as Windows does), anything else a socket path. False with the reason when it is empty, a pipe
    /// without a name or with a name too long, or a pipe on another machine (<c>\\server\pipe\NAME</c>: the service is local).
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ServiceAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the socket is empty: give a Unix socket path, pipe:NAME or \\\\.\\pipe\\NAME";
            return false;
        }

        string? name = null;
        if (text.StartsWith(PipePrefix, StringComparison.OrdinalIgnoreCase))
        {
            name = text[PipePrefix.Length..];
        }
        else if (text.StartsWith(LocalPipePrefix, StringComparison.OrdinalIgnoreCase))
        {
            name = text[LocalPipePrefix.Length..];
        }
        else if (text.StartsWith(@"\\", StringComparison.Ordinal))
        {
            error = $"'{text}' is not a local pipe: the service listens on this machine only (\\\\.\\pipe\\NAME)";
            return false;
        }

        if (name is null)
        {
            address = new ServiceAddress(text, IsNamedPipe: false);
            return true;
        }

        if (name.Length == 0 || name.Length > MaxPipeNameLength)
        {
            error = $"'{text}' names no pipe: the name after the prefix must have 1 to {MaxPipeNameLength} characters";
            return false;
        }

        address = new ServiceAddress(name, IsNamedPipe: true);
        return true;
    }

    /// <summary>Reads <paramref name="text"/> as <see cref="TryParse"/> does.</summary>
    /// <exception cref="FormatException">It is not an address.</exception>
    public static ServiceAddress Parse(string? text) => TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    /// <inheritdoc />
    public override string ToString() => IsNamedPipe ? LocalPipePrefix + Value : Value;
}
