using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ebpf.Core.Tests.Abi;

/// <summary>
/// What &lt;linux/bpf.h&gt; says, read by compiling and running abi_probe.c with gcc once per test run. Enum
/// constants the installed header does not have yet (it may be older than the tables) come back as null.
/// </summary>
internal sealed partial class AbiHeaderProbe
{
    public const string HeaderPath = "/usr/include/linux/bpf.h";

    private static readonly Lazy<AbiHeaderProbe> Instance = new(Run);

    private AbiHeaderProbe()
    {
    }

    /// <summary>The probe's results; compiles and runs it on first use.</summary>
    public static AbiHeaderProbe Current => Instance.Value;

    /// <summary><c>sizeof</c> of each structure, by its tag (<c>xdp_md</c>).</summary>
    public Dictionary<string, int> StructSizes { get; } = [];

    /// <summary>Offset and size of each member, by (structure tag, member).</summary>
    public Dictionary<(string Struct, string Field), (int Offset, int Size)> Fields { get; } = [];

    /// <summary>Every helper the header lists, by name without <c>bpf_</c>.</summary>
    public Dictionary<string, int> Helpers { get; } = [];

    /// <summary>Enum constants by kind (<c>prog_type</c>, <c>map_type</c>, <c>attach_type</c>) and name; null when the header lacks it.</summary>
    public Dictionary<string, Dictionary<string, long?>> Constants { get; } = [];

    /// <summary>The constants passed as -D&lt;name&gt;=-1 because the header does not declare them.</summary>
    public List<string> Undeclared { get; } = [];

    private static AbiHeaderProbe Run()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Abi", "abi_probe.c");
        var directory = Directory.CreateTempSubdirectory("ebpf-abi-probe-");
        try
        {
            var probe = new AbiHeaderProbe();
            var binary = Path.Combine(directory.FullName, "abi_probe");
            var (code, _, errors) = Execute("gcc", ["-std=gnu11", "-o", binary, source]);
            if (code != 0)
            {
                // An older header lacks newer enum constants: name them on the command line as -1.
                probe.Undeclared.AddRange(UndeclaredName().Matches(errors).Select(m => m.Groups[1].Value).Distinct().Order());
                Assert.True(probe.Undeclared.Count > 0, "abi_probe.c does not compile:\n" + errors);
                Assert.All(probe.Undeclared, name => Assert.StartsWith("BPF_", name, StringComparison.Ordinal));
                (code, _, errors) = Execute("gcc", ["-std=gnu11", .. probe.Undeclared.Select(n => $"-D{n}=-1"), "-o", binary, source]);
                Assert.True(code == 0, "abi_probe.c does not compile:\n" + errors);
            }

            var (exit, output, _) = Execute(binary, []);
            Assert.Equal(0, exit);
            probe.Parse(output);
            return probe;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private void Parse(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            switch (parts[0])
            {
                case "struct":
                    StructSizes[parts[1]] = Number(parts[2]);
                    break;
                case "field":
                    Fields[(parts[1], parts[2])] = (Number(parts[3]), Number(parts[4]));
                    break;
                case "helper":
                    Helpers[parts[1]] = Number(parts[2]);
                    break;
                default:
                    var value = long.Parse(parts[2], CultureInfo.InvariantCulture);
                    var kind = Constants.TryGetValue(parts[0], out var existing) ? existing : Constants[parts[0]] = [];
                    kind[parts[1]] = value < 0 ? null : value;
                    break;
            }
        }
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static (int Code, string Output, string Errors) Execute(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["LC_ALL"] = "C";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors);
    }

    // gcc, in the C locale: error: 'BPF_NETKIT_PEER' undeclared (first use in this function)
    [GeneratedRegex("'([A-Za-z_][A-Za-z0-9_]*)' undeclared")]
    private static partial Regex UndeclaredName();
}
