using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO.Compression;
using Ebpf.Core.Diagnostics;

namespace Ebpf.Elf.Externs;

/// <summary>
/// What <c>__kconfig</c> externs read: a kernel's <c>.config</c> (<c>CONFIG_X=y</c>, <c>CONFIG_X=123</c>,
/// <c>CONFIG_X="text"</c>; <c># CONFIG_X is not set</c> is <c>n</c>) and the kernel's version, for libbpf's
/// <c>LINUX_KERNEL_VERSION</c>. Immutable.
/// </summary>
public sealed class KernelConfig
{
    private static readonly Lazy<KernelConfig> Running = new(ReadRunningKernel);

    /// <summary>A configuration of <paramref name="values"/> (name to the text after <c>=</c>) for kernel <paramref name="kernelVersion"/>.</summary>
    public KernelConfig(IReadOnlyDictionary<string, string> values, Version? kernelVersion)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values.ToFrozenDictionary(StringComparer.Ordinal);
        KernelVersion = kernelVersion;
    }

    /// <summary>An empty configuration of no particular kernel: every weak extern reads 0.</summary>
    public static KernelConfig Empty { get; } = new(new Dictionary<string, string>(), null);

    /// <summary>The options, by name (<c>CONFIG_HZ</c>), as written after <c>=</c> (<c>y</c>, <c>250</c>, <c>"text"</c>).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The kernel's version (major, minor, patch), if known.</summary>
    public Version? KernelVersion { get; }

    /// <summary>
    /// The running kernel's: <c>/proc/config.gz</c>, else <c>/boot/config-$(uname -r)</c>, else no options; the version
    /// from <c>/proc/sys/kernel/osrelease</c>.
    /// </summary>
    public static KernelConfig RunningKernel => Running.Value;

    /// <summary>Parses the text of a <c>.config</c> file.</summary>
    public static KernelConfig Parse(string text, Version? kernelVersion = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            const string NotSet = " is not set";
            if (line.StartsWith("# CONFIG_", StringComparison.Ordinal) && line.EndsWith(NotSet, StringComparison.Ordinal))
            {
                values[line[2..^NotSet.Length]] = "n";
            }
            else if (line.StartsWith("CONFIG_", StringComparison.Ordinal) && line.IndexOf('=', StringComparison.Ordinal) is var equals and > 0)
            {
                values[line[..equals]] = line[(equals + 1)..];
            }
        }

        return new KernelConfig(values, kernelVersion);
    }

    /// <summary>Reads a <c>.config</c> file, gzip-compressed (as <c>/proc/config.gz</c>) or not.</summary>
    public static bool TryLoad(string path, Version? kernelVersion, [NotNullWhen(true)] out KernelConfig? config, [NotNullWhen(false)] out Diagnostic? diagnostic)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var bytes = File.ReadAllBytes(path);
            using var stream = bytes is [0x1F, 0x8B, ..] ? (Stream)new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress) : new MemoryStream(bytes);
            using var reader = new StreamReader(stream);
            config = Parse(reader.ReadToEnd(), kernelVersion);
            diagnostic = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            config = null;
            diagnostic = new Diagnostic(DiagnosticCode.InvalidKernelConfig, $"cannot read the kernel configuration: {e.Message}", new DiagnosticLocation(File: path));
            return false;
        }
    }

    /// <summary>The version in a kernel release string (<c>6.18.0-1-amd64</c> is 6.18.0), or null.</summary>
    public static Version? ParseRelease(string release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var numbers = new List<int>(3);
        foreach (var part in release.Split('.', 3))
        {
            var digits = new string([.. part.TakeWhile(char.IsAsciiDigit)]);
            if (digits.Length == 0 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                break;
            }

            numbers.Add(number);
        }

        return numbers.Count switch
        {
            0 => null,
            1 => new Version(numbers[0], 0, 0),
            2 => new Version(numbers[0], numbers[1], 0),
            _ => new Version(numbers[0], numbers[1], numbers[2]),
        };
    }

    private static KernelConfig ReadRunningKernel()
    {
        const string OsRelease = "/proc/sys/kernel/osrelease";
        var release = File.Exists(OsRelease) ? File.ReadAllText(OsRelease).Trim() : null;
        var version = release is null ? null : ParseRelease(release);
        foreach (var path in new[] { "/proc/config.gz", release is null ? null : $"/boot/config-{release}" })
        {
            if (path is not null && File.Exists(path) && TryLoad(path, version, out var config, out _))
            {
                return config;
            }
        }

        return new KernelConfig(new Dictionary<string, string>(), version);
    }
}
