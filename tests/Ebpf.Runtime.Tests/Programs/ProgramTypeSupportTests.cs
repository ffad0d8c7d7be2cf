using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf;
using Ebpf.Runtime.Loading;
using Ebpf.Testing;

namespace Ebpf.Runtime.Tests.Programs;

/// <summary>Every program of testdata/bpf either loads or is refused at load by its type's name (EBPF3305).</summary>
public sealed class ProgramTypeSupportTests
{
    private static IEnumerable<(string Object, string Program, ProgramType Type)> CorpusPrograms() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.TestData, "bpf"), "*.o").Order(StringComparer.Ordinal)
            .SelectMany(path => ObjectReader.ReadFile(path).Programs.Select(p => (Path.GetFileName(path), p.Name, p.Type)));

    public static TheoryData<string, string> Programs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (obj, program, _) in CorpusPrograms())
        {
            data.Add(obj, program);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void A_corpus_program_loads_when_its_type_is_supported_and_is_refused_by_type_name_otherwise(string objectFile, string programName)
    {
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "bpf", objectFile));
        var program = spec.FindProgram(programName)!;
        var others = spec.Programs.Where(p => p.Name != programName).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var load = () => LoadedObject.Load(spec, new LoadOptions { SkipPrograms = others });
        if (AbiTable.Linux.FindProgramType(program.Type) is not null)
        {
            if (objectFile == "tail_call_callback.o")
            {
                Assert.Equal(DiagnosticCode.TailCallInCallback, Assert.Single(Assert.Throws<DiagnosticException>(load).Diagnostics).Code);
                return;
            }

            using var loaded = load();
            Assert.Equal(program.Type, loaded.FindProgram(programName)!.Type);
            return;
        }

        var refused = Assert.Single(Assert.Throws<DiagnosticException>(load).Diagnostics);
        Assert.Equal(DiagnosticCode.ProgramTypeNotSupported, refused.Code);
        Assert.Contains(program.Type.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Contains(program.SectionName, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_of_a_type_without_support_is_refused_by_type_name()
    {
        // Every corpus type is supported now; a socket filter relabelled as a lightweight tunnel program (LWT_IN, which
        // the ABI table does not describe) exercises the refusal.
        var spec = ObjectReader.ReadFile(Path.Combine(RepositoryPaths.TestData, "bpf", "socket_filter.o"));
        Assert.Null(AbiTable.Linux.FindProgramType(ProgramType.LwtIn));
        var relabelled = spec with { Programs = [.. spec.Programs.Select(p => p with { Type = ProgramType.LwtIn })] };

        var refused = Assert.Single(Assert.Throws<DiagnosticException>(() => LoadedObject.Load(relabelled, new LoadOptions())).Diagnostics);
        Assert.Equal(DiagnosticCode.ProgramTypeNotSupported, refused.Code);
        Assert.Contains(nameof(ProgramType.LwtIn), refused.Message, StringComparison.Ordinal);
    }
}
