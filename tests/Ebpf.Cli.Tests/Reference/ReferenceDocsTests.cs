using Ebpf.Cli.Reference;
using Ebpf.Core.Abi;
using Ebpf.Testing;

namespace Ebpf.Cli.Tests.Reference;

/// <summary>The generated reference pages in docs/reference are what the code generates today.</summary>
public sealed class ReferenceDocsTests
{
    public static TheoryData<string> Pages() => [.. ReferenceDocs.Generate(EbpfCommand.Create()).Select(p => p.FileName)];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Committed_page_equals_what_the_generator_writes(string fileName)
    {
        var generated = ReferenceDocs.Generate(EbpfCommand.Create()).Single(p => p.FileName == fileName).Text;
        var path = Path.Combine(RepositoryPaths.Root, ReferenceDocs.Folder, fileName);
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        Assert.True(committed == generated,
            $"{ReferenceDocs.Folder}/{fileName} is {(committed is null ? "missing" : "stale")}; regenerate it from the repository root with\n" +
            $"  dotnet run --project src/Ebpf.Cli -- docs generate {ReferenceDocs.Folder}\nand review the diff.");
    }

    [Fact]
    public void Generating_twice_gives_the_same_pages()
    {
        Assert.Equal(ReferenceDocs.Generate(EbpfCommand.Create()), ReferenceDocs.Generate(EbpfCommand.Create()));
    }

    [Fact]
    public void Every_program_type_has_a_note_on_where_it_runs()
    {
        var without = AbiTable.Linux.ProgramTypes.Concat(AbiTable.Windows.ProgramTypes).Where(t => !ProgramTypeReference.HasNote(t.Name)).Select(t => t.Name).ToList();
        Assert.True(without.Count == 0, "program types without a note in ProgramTypeReference: " + string.Join(", ", without));
    }

    [Fact]
    public void Helper_page_lists_every_helper_once_and_says_which_are_implemented()
    {
        var page = HelperReference.Generate(AbiTable.Linux, Runtime.Helpers.Linux.LinuxHelpers.Table);
        foreach (var helper in AbiTable.Linux.Helpers)
        {
            var row = page.Split('\n').Single(l => l.StartsWith($"| {helper.Id} | `{helper.Name}`", StringComparison.Ordinal));
            var implemented = Runtime.Helpers.Linux.LinuxHelpers.Table.Find(helper.Id) is not null;
            Assert.EndsWith(implemented ? "| yes |" : "| no |", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Map_page_says_yes_exactly_for_the_types_the_runtime_creates()
    {
        // docs/maps.md lists the types the runtime implements; the page asks BpfMap.Create instead, and both must agree.
        string[] implemented = ["hash", "array", "prog_array", "percpu_hash", "percpu_array", "lru_hash", "lru_percpu_hash", "lpm_trie",
            "array_of_maps", "hash_of_maps", "devmap", "queue", "stack", "ringbuf"];
        var page = MapTypeReference.Generate(AbiTable.Linux);
        var yes = page.Split('\n').Where(l => l.EndsWith("| yes |", StringComparison.Ordinal)).Select(l => l.Split('`')[1]);
        Assert.Equal(implemented.Order(), yes.Order());
    }
}
