using System.Collections.Immutable;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;
using Ebpf.Core.Specs;
using Ebpf.Core.Types;
using Ebpf.Elf.Btf;
using Ebpf.Elf.CoRe;

namespace Ebpf.Verifier.Tests.Golden;

/// <summary>
/// The YAML corpus of <c>testdata/verifier</c>, PREVAIL's golden tests in our syntax: every case is a small
/// program with the verdict the verifier must reach, and for rejections the code, instruction and message.
/// </summary>
public sealed class VerifierCorpusTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var @case in VerifierCaseReader.All())
        {
            data.Add(@case.File, @case.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_verifier_reaches_the_expected_verdict(string file, string name)
    {
        var @case = VerifierCaseReader.Read(file).Single(c => c.Name == name);
        var result = ProgramVerifier.Verify(ToProgram(@case), @case.Maps, new VerifierOptions { TargetTypes = TargetTypes(@case) });

        if (@case.Expected is not { } expected)
        {
            Assert.True(result.IsAccepted, $"expected accepted, got:{Environment.NewLine}{string.Join(Environment.NewLine, result.Diagnostics)}");
            return;
        }

        Assert.False(result.IsAccepted, $"expected {expected.Id} at {expected.Instruction}, but the program was accepted");
        var first = result.Diagnostics[0];
        var got = $"got {first}";
        Assert.True(expected.Id == first.Id, $"expected {expected.Id}, {got}");
        Assert.True(expected.Instruction == first.Location.InstructionIndex, $"expected instruction {expected.Instruction}, {got}");
        if (expected.MessagePart is { } part)
        {
            Assert.True(first.Message.Contains(part, StringComparison.Ordinal), $"expected a message containing '{part}', {got}");
        }
    }

    [Fact]
    public void Every_yaml_file_has_cases_and_every_case_is_a_test()
    {
        var files = VerifierCaseReader.Files();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.NotEmpty(VerifierCaseReader.Read(f)));
        Assert.Equal(files.Sum(f => VerifierCaseReader.Read(f).Count()), Cases().Count);
    }

    [Fact]
    public void Case_names_are_unique_so_each_is_one_test()
    {
        var duplicates = VerifierCaseReader.All().GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_check_has_an_accepted_and_a_rejected_case()
    {
        var all = VerifierCaseReader.All();
        var missing = VerifierCaseReader.Checks
            .Where(check => !all.Any(c => c.Check == check && c.Expected is null) || !all.Any(c => c.Check == check && c.Expected is not null));
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_case_assembles_and_decodes_so_only_the_verifier_decides()
    {
        var broken = new List<string>();
        foreach (var @case in VerifierCaseReader.All())
        {
            if (!Assembler.TryAssemble(@case.Code, out var slots, out var problems))
            {
                broken.Add($"{@case}: {string.Join("; ", problems)}");
            }
            else if (!ProgramDecoder.TryDecode(slots.AsSpan(), out _, out var invalid) && @case.Expected?.Id.StartsWith("EBPF1", StringComparison.Ordinal) != true)
            {
                broken.Add($"{@case}: {string.Join("; ", invalid)}");
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void Every_rejection_marks_the_instruction_it_names()
    {
        var wrong = new List<string>();
        foreach (var @case in VerifierCaseReader.All().Where(c => c.Expected is not null))
        {
            var marked = MarkedSlots(@case.Code);
            if (marked.Count != 1 || marked[0] != @case.Expected!.Instruction)
            {
                wrong.Add($"{@case}: at {@case.Expected!.Instruction}, marked {string.Join(", ", marked)}");
            }
        }

        Assert.Empty(wrong);
    }

    /// <summary>
    /// The slot index of each line marked <c># &lt;-</c>, counted by the text alone (one slot a line, two for
    /// <c>lddw</c>), so that a case's <c>at</c> is checked against something other than the assembler.
    /// </summary>
    private static List<int> MarkedSlots(string code)
    {
        var marked = new List<int>();
        var slot = 0;
        foreach (var raw in code.Split('\n'))
        {
            var comment = raw.IndexOf('#', StringComparison.Ordinal);
            var text = (comment < 0 ? raw : raw[..comment]).Trim();
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && !text[..colon].Contains(' ', StringComparison.Ordinal))
            {
                text = text[(colon + 1)..].Trim();
            }

            if (text.Length == 0)
            {
                continue;
            }

            if (comment >= 0 && raw[comment..].StartsWith("# <-", StringComparison.Ordinal))
            {
                marked.Add(slot);
            }

            slot += text.StartsWith("lddw", StringComparison.Ordinal) ? 2 : 1;
        }

        return marked;
    }

    /// <summary>The case as the ELF loader would give it: one function per local call target, no source lines.</summary>
    internal static ProgramSpec ToProgram(VerifierCase @case)
    {
        var slots = Assembler.Assemble(@case.Code);
        var starts = new SortedSet<int> { 0 };
        for (var i = 0; i < slots.Length; i++)
        {
            if (OpCodeTable.Find(slots[i]) is { Operation: Operation.CallLocal })
            {
                starts.Add(i + 1 + slots[i].Immediate);
            }
        }

        var bounds = starts.Append(slots.Length).ToArray();
        var functions = bounds.Zip(bounds.Skip(1), (start, end) => new FunctionSpan(start == 0 ? Name(@case) : $"sub_{start}", start, end - start));
        return new ProgramSpec(
            Name(@case),
            Core.Abi.AbiTable.Linux.FindProgramType(@case.Type)!.Name,
            @case.Type,
            @case.AttachType,
            @case.AttachTarget,
            slots,
            [.. functions],
            ImmutableArray.CreateRange(Enumerable.Repeat<SourceLine?>(null, slots.Length)));
    }

    /// <summary>The case's target BTF, read from <c>testdata/verifier/btf</c>, or null.</summary>
    private static ITargetTypes? TargetTypes(VerifierCase @case)
    {
        if (@case.Btf is not { } file)
        {
            return null;
        }

        Assert.True(TargetBtfFile.TryLoad(Path.Combine(VerifierCaseReader.Folder, "btf", file), out var btf, out var problem), problem?.ToString());
        return BtfTargetTypes.Of(btf);
    }

    private static string Name(VerifierCase @case) => new([.. @case.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
}
