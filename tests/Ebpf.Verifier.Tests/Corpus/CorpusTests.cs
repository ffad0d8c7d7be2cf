using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf;
using Xunit.Abstractions;

namespace Ebpf.Verifier.Tests.Corpus;

public sealed class CorpusTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Programs))]
    public void Every_corpus_program_of_a_supported_type_is_accepted(string file, string name)
    {
        var spec = ObjectReader.ReadFile(CorpusObjects.Expand(file));
        var program = spec.FindProgram(name)!;
        var result = ProgramVerifier.Verify(program, spec.Maps);
        output.WriteLine($"{file} {name}: {result.Statistics}");
        foreach (var diagnostic in result.Diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        if (AbiTable.Linux.FindProgramType(program.Type) is null)
        {
            // The kernel verifies these types, but the platform has no context layout for them: nothing can be proven.
            Assert.Equal([DiagnosticCode.UnverifiableProgramType], result.Diagnostics.Select(d => d.Code));
        }
        else
        {
            Assert.True(result.IsAccepted, string.Join(Environment.NewLine, result.Diagnostics));
        }
    }

    [Fact]
    public void The_corpus_has_every_object_the_kernel_accepts()
    {
        var programs = Programs.Select(row => (string)row[0]).Distinct().Count();
        Assert.Equal(CorpusObjects.Files.Count(), programs);
        Assert.True(programs >= 24, $"only {programs} objects found");
    }

    [Fact]
    public void The_embedding_samples_unsafe_plugin_is_refused_for_its_unchecked_packet_read()
    {
        var spec = ObjectReader.ReadFile(Path.Combine(Ebpf.Testing.RepositoryPaths.Root, "samples", "Embedding", CorpusObjects.UnsafePlugin));
        var result = ProgramVerifier.Verify(spec.Programs.Single(), spec.Maps);
        Assert.Equal([DiagnosticCode.PacketOutOfBounds], result.Diagnostics.Select(d => d.Code).Distinct());
    }

    public static TheoryData<string, string> Programs => CorpusObjects.Programs;
}
