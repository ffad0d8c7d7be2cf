using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Ebpf.Core.Abi;
using Ebpf.Core.Specs;
using YamlDotNet.RepresentationModel;

namespace Ebpf.Verifier.Tests.Golden;

/// <summary>
/// Reads the YAML corpus. Each file holds <c>cases:</c>, a list of mappings with the keys below; an
/// unknown key, a missing one or a value of the wrong shape is an error, so a typo cannot turn a case
/// into one that checks nothing.
/// </summary>
/// <remarks>
/// <code>
/// - name: map value read after a null check      # unique in the corpus
///   check: null check                            # one of <see cref="Checks"/>
///   program_type: xdp                            # an AbiTable.Linux program type name
///   attach_type: cgroup_inet4_connect            # optional, Linux's name without BPF_
///   attach_target: do_unlinkat                   # optional, what the section names after its prefix
///   btf: kernel_types.o                          # optional, target BTF in btf/ for BTF-typed pointers
///   maps:                                        # optional; lddw map_idx N indexes this list
///     - {name: counters, type: hash, key_size: 4, value_size: 8, max_entries: 16, read_only: false}
///   code: |                                      # the assembler's syntax
///     mov %r0, 2
///     exit
///   expect: accepted                             # or: rejected, with
///   diagnostic: EBPF5206                         #   the first diagnostic's code,
///   at: 7                                        #   its instruction slot,
///   message: may be null                         #   and a part of its message
/// </code>
/// </remarks>
internal static partial class VerifierCaseReader
{
    /// <summary>The checks issue 5 lists; every one needs an accepted and a rejected case.</summary>
    public static ImmutableArray<string> Checks { get; } =
    [
        "termination", "uninitialized register", "uninitialized stack", "frame pointer", "context access",
        "packet bounds", "stack bounds", "map value bounds", "null check", "read-only map", "pointer arithmetic",
        "pointer comparison", "pointer leak", "helper arguments", "tail call", "return value", "btf object",
    ];

    private static readonly string[] CaseKeys =
        ["name", "check", "program_type", "attach_type", "attach_target", "btf", "maps", "code", "expect", "diagnostic", "at", "message"];
    private static readonly string[] MapKeys = ["name", "type", "key_size", "value_size", "max_entries", "read_only"];

    /// <summary>The corpus folder.</summary>
    public static string Folder => Path.Combine(Ebpf.Testing.RepositoryPaths.TestData, "verifier");

    /// <summary>Every YAML file of the corpus, by name.</summary>
    public static ImmutableArray<string> Files() =>
        [.. Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    /// <summary>Every case of every file, in file order.</summary>
    public static ImmutableArray<VerifierCase> All() => [.. Files().SelectMany(Read)];

    /// <summary>The cases of one file.</summary>
    /// <exception cref="FormatException">The file does not follow the format.</exception>
    public static IEnumerable<VerifierCase> Read(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Folder, file)))
        {
            yaml.Load(reader);
        }

        var root = yaml.Documents.Count == 1 && yaml.Documents[0].RootNode is YamlMappingNode map ? map : throw Bad(file, "expected one document, a mapping with 'cases'");
        if (root.Children.Count != 1 || Child(root, "cases") is not YamlSequenceNode cases)
        {
            throw Bad(file, "the document holds only 'cases:', a list");
        }

        foreach (var node in cases)
        {
            yield return ReadCase(file, node as YamlMappingNode ?? throw Bad(file, $"line {node.Start.Line}: a case is a mapping"));
        }
    }

    private static VerifierCase ReadCase(string file, YamlMappingNode node)
    {
        var where = $"line {node.Start.Line}";
        CheckKeys(file, where, node, CaseKeys);
        var name = Text(file, where, node, "name");
        where = $"case '{name}'";
        var check = Text(file, where, node, "check");
        if (!Checks.Contains(check))
        {
            throw Bad(file, $"{where}: check '{check}' is not one of {string.Join(", ", Checks)}");
        }

        var typeName = Text(file, where, node, "program_type");
        var type = AbiTable.Linux.FindProgramType(typeName) ?? throw Bad(file, $"{where}: no program type '{typeName}'");
        AttachType? attach = OptionalText(node, "attach_type") is { } attachName
            ? ParseEnum<AttachType>(file, where, attachName)
            : null;
        var maps = Child(node, "maps") is YamlSequenceNode list
            ? [.. list.Select(m => ReadMap(file, where, m as YamlMappingNode ?? throw Bad(file, $"{where}: a map is a mapping")))]
            : ImmutableArray<MapSpec>.Empty;
        var expect = Text(file, where, node, "expect");
        ExpectedRejection? expected = expect switch
        {
            "accepted" when OptionalText(node, "diagnostic") is null && OptionalText(node, "at") is null => null,
            "rejected" => new ExpectedRejection(
                DiagnosticId().IsMatch(Text(file, where, node, "diagnostic")) ? Text(file, where, node, "diagnostic") : throw Bad(file, $"{where}: diagnostic is EBPF and four digits"),
                Number(file, where, node, "at"),
                OptionalText(node, "message")),
            _ => throw Bad(file, $"{where}: expect is 'accepted' (without diagnostic and at) or 'rejected' (with them)"),
        };
        var btf = OptionalText(node, "btf");
        if (btf is not null && !File.Exists(Path.Combine(Folder, "btf", btf)))
        {
            throw Bad(file, $"{where}: no target BTF btf/{btf}");
        }

        return new VerifierCase(file, name, check, (ProgramType)type.Id, attach, maps, Text(file, where, node, "code"), expected,
            OptionalText(node, "attach_target"), btf);
    }

    private static MapSpec ReadMap(string file, string where, YamlMappingNode node)
    {
        CheckKeys(file, where, node, MapKeys);
        var typeName = Text(file, where, node, "type");
        var type = AbiTable.Linux.MapTypes.FirstOrDefault(t => t.Name == typeName) ?? throw Bad(file, $"{where}: no map type '{typeName}'");
        var readOnly = OptionalText(node, "read_only") is { } flag && bool.Parse(flag);
        return new MapSpec(
            Text(file, where, node, "name"),
            (MapType)type.Id,
            (uint)Number(file, where, node, "key_size"),
            (uint)Number(file, where, node, "value_size"),
            (uint)Number(file, where, node, "max_entries"),
            readOnly ? MapFlags.ReadOnlyProgram : MapFlags.None)
        {
            // A read-only map stands for .rodata, the one kind of map programs may not write.
            Origin = readOnly ? MapOrigin.GlobalData : MapOrigin.User,
        };
    }

    private static void CheckKeys(string file, string where, YamlMappingNode node, string[] known)
    {
        foreach (var key in node.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
        {
            if (!known.Contains(key))
            {
                throw Bad(file, $"{where}: unknown key '{key}' (known: {string.Join(", ", known)})");
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? OptionalText(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static string Text(string file, string where, YamlMappingNode node, string key) =>
        OptionalText(node, key) is { Length: > 0 } text ? text : throw Bad(file, $"{where}: '{key}' is missing");

    private static int Number(string file, string where, YamlMappingNode node, string key) =>
        int.TryParse(Text(file, where, node, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw Bad(file, $"{where}: '{key}' is not a number");

    /// <summary>Linux's enum names in snake case (<c>cgroup_inet4_connect</c>) to ours (<c>CgroupInet4Connect</c>).</summary>
    private static T ParseEnum<T>(string file, string where, string text) where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw Bad(file, $"{where}: no {typeof(T).Name} '{text}'");

    private static FormatException Bad(string file, string message) => new($"{file}: {message}");

    [GeneratedRegex("^EBPF[0-9]{4}$")]
    private static partial Regex DiagnosticId();
}
