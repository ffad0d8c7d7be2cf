using System.Globalization;
using Ebpf.Service.Access;
using Ebpf.Service.Contracts;

namespace Ebpf.Service.Hosting;

/// <summary>
/// <c>ebpfd [--config FILE] [--socket PATH] [--state-dir DIR | --no-state] [--group NAME] [--others none|read]
/// [--snapshot-ms N] [--verbose]</c>: runs in the foreground until SIGTERM or Ctrl+C. Options override the
/// configuration file, which holds the same names as <c>key = value</c> lines.
/// </summary>
internal static class ServiceCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        ServiceOptions? options;
        try
        {
            options = Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"ebpfd: {ex.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        if (options is null)
        {
            await Console.Out.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        ServiceApp app;
        try
        {
            app = await ServiceApp.StartAsync(options).ConfigureAwait(false);
        }
        catch (PlatformNotSupportedException ex)
        {
            await Console.Error.WriteLineAsync($"ebpfd: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }

    public const string Usage = """
        usage: ebpfd [--config FILE] [--socket PATH] [--state-dir DIR | --no-state] [--group NAME]
                     [--others none|read] [--snapshot-ms N] [--verbose]
          --config FILE     key = value lines with the same names (default /etc/ebpfd/ebpfd.conf if it exists)
          --socket PATH     Unix socket to listen on (default /run/ebpfd/ebpfd.sock); on Windows a named
                            pipe, pipe:NAME or \\.\pipe\NAME (default \\.\pipe\ebpfd)
          --state-dir DIR   where pins and map contents persist (default /var/lib/ebpfd)
          --no-state        persist nothing
          --group NAME      members may load, attach, update, delete and pin, as root may
          --others MODE     what everyone else may do: read (default) or none
          --snapshot-ms N   how often maps that programs write are snapshotted (default 1000)
          --verbose         log every request, not only changes
        """;

    /// <summary>The options, or null when help was asked for.</summary>
    public static ServiceOptions? Parse(IReadOnlyList<string> args)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        string? config = File.Exists(ServiceOptions.DefaultConfigurationFile) ? ServiceOptions.DefaultConfigurationFile : null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                return null;
            }

            if (name is "--verbose" or "--no-state")
            {
                settings[name[2..]] = "true";
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new FormatException($"unexpected '{name}'");
            }

            if (name == "--config")
            {
                config = args[++i];
                continue;
            }

            settings[name[2..]] = args[++i];
        }

        var merged = config is null ? new Dictionary<string, string>(StringComparer.Ordinal) : ReadConfiguration(config);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        return Build(merged);
    }

    private static Dictionary<string, string> ReadConfiguration(string path)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"{path}: '{line}' is not 'key = value'");
            }

            settings[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        return settings;
    }

    private static ServiceOptions Build(Dictionary<string, string> settings)
    {
        var options = new ServiceOptions(ServiceAddress.PlatformDefault);
        foreach (var (key, value) in settings)
        {
            options = key switch
            {
                "socket" => options with { SocketPath = ServiceAddress.TryParse(value, out _, out var error) ? value : throw new FormatException(error) },
                "state-dir" => options with { StateDirectory = value },
                "no-state" => options with { StateDirectory = value == "true" ? null : options.StateDirectory },
                "group" => options with { Group = value.Length == 0 ? null : value },
                "others" => options with { Others = value switch { "none" => PeerAccess.None, "read" => PeerAccess.Read, _ => throw new FormatException($"others must be none or read, not '{value}'") } },
                "snapshot-ms" => options with { SnapshotInterval = TimeSpan.FromMilliseconds(int.TryParse(value, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ms : throw new FormatException($"snapshot-ms must be a positive number, not '{value}'")) },
                "verbose" => options with { Verbose = value == "true" },
                _ => throw new FormatException($"unknown setting '{key}'"),
            };
        }

        return options;
    }
}
