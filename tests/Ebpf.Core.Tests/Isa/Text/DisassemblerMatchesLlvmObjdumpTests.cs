using Ebpf.Testing;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;

namespace Ebpf.Core.Tests.Isa.Text;

/// <summary>
/// The disassembler against LLVM 14's <c>llvm-objdump -d</c>, instruction for instruction, on every clang
/// object of <c>testdata/isa</c> and <c>../shared/bench</c>, except the 32-bit atomics other than add that
/// LLVM 14 cannot decode without <c>--mattr=+alu32</c> (never in the benchmarks).
/// </summary>
public sealed class DisassemblerMatchesLlvmObjdumpTests
{
    private static string IsaTestData => Path.Combine(RepositoryPaths.TestData, "isa");

    private static string? SharedBench => Directory.Exists(Path.Combine(RepositoryPaths.Shared, "bench")) ? Path.Combine(RepositoryPaths.Shared, "bench") : null;

    /// <summary>Every object of the corpus, as a path relative to the repository root.</summary>
    public static TheoryData<string> Objects()
    {
        var objects = new TheoryData<string>();
        var folders = new[] { IsaTestData, SharedBench }.OfType<string>();
        foreach (var file in folders.SelectMany(f => Directory.EnumerateFiles(f, "*.o")).Order(StringComparer.Ordinal))
        {
            objects.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        return objects;
    }

    [LlvmObjdumpTheory]
    [MemberData(nameof(Objects))]
    public void Disassembly_matches_llvm_objdump(string objectFile)
    {
        var listing = LlvmObjdump.Disassemble(Path.Combine(RepositoryPaths.Root, objectFile));
        var sections = ObjdumpListing.Parse(listing);
        Assert.NotEmpty(sections);

        var mismatches = new List<string>();
        foreach (var section in sections)
        {
            var ours = FormatSection(section, mismatches);
            foreach (var instruction in section.Instructions)
            {
                var text = ours.GetValueOrDefault(instruction.Index, "(no instruction)");
                if (IsUndecodableByLlvm14(instruction.Bytes))
                {
                    Assert.DoesNotContain("bench", objectFile, StringComparison.Ordinal);
                    continue;
                }

                if (text != instruction.Text)
                {
                    mismatches.Add($"{section.Name}:{instruction.Index} [{Convert.ToHexString(instruction.Bytes)}] objdump '{instruction.Text}', ours '{text}'");
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches in {objectFile}:\n{string.Join('\n', mismatches)}");
    }

    [Fact]
    public void Corpus_has_every_testdata_object_and_the_shared_benchmarks()
    {
        Assert.True(SharedBench is not null, $"../shared/bench is missing beside {RepositoryPaths.Root}");
        var corpus = ((IEnumerable<object[]>)Objects()).Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(corpus, f => f.Contains("bench", StringComparison.Ordinal));

        // Every source has its object, and every object its source: no data file is left out.
        var files = Directory.EnumerateFiles(IsaTestData).Select(Path.GetFileName).OfType<string>().ToList();
        var sources = files.Where(f => f.EndsWith(".c", StringComparison.Ordinal) || f.EndsWith(".s", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension).ToList();
        var objects = files.Where(f => f.EndsWith(".o", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Equal(sources.Order(StringComparer.Ordinal), objects.Order(StringComparer.Ordinal));
        Assert.All(objects, o => Assert.Contains(Path.Combine("testdata", "isa", o + ".o"), corpus));
    }

    /// <summary>32-bit atomics other than plain add (the v3 additions): opcode 0xc3 with a non-zero operation.</summary>
    private static bool IsUndecodableByLlvm14(byte[] bytes) => bytes[0] == 0xc3 && bytes[4] != 0;

    /// <summary>
    /// Our text for every instruction of a section, by slot index. A section decodes as one program
    /// unless it calls into another section: such calls hold an unrelocated immediate that points
    /// outside it, and then each instruction is looked up in the table on its own.
    /// </summary>
    private static Dictionary<int, string> FormatSection(ObjdumpSection section, List<string> problems)
    {
        var bytecode = section.Bytecode;
        if (ProgramDecoder.TryDecode(bytecode, out var program, out var diagnostics))
        {
            var lines = Disassembler.FormatProgram(program!);
            var starts = Enumerable.Range(0, program!.Count).Where(i => program.FormAt(i) is not null).ToList();
            Assert.Equal(starts.Count, lines.Count);
            return starts.Zip(lines).ToDictionary(p => p.First, p => p.Second);
        }

        var slots = Enumerable.Range(0, bytecode.Length / Instruction.Size)
            .Select(i => Instruction.Read(bytecode.AsSpan(i * Instruction.Size)))
            .ToArray();
        foreach (var diagnostic in diagnostics)
        {
            var index = diagnostic.Location.InstructionIndex ?? -1;
            var relocatedCall = diagnostic.Code == DiagnosticCode.JumpOutOfRange
                && OpCodeTable.Find(slots[index])?.Operation == Operation.CallLocal;
            if (!relocatedCall)
            {
                problems.Add($"{section.Name} does not decode: {diagnostic}");
            }
        }

        var texts = new Dictionary<int, string>();
        for (var i = 0; i < slots.Length; i++)
        {
            if (OpCodeTable.Find(slots[i]) is not { } form)
            {
                continue;
            }

            ulong? immediate64 = form.Operation == Operation.LoadImm64
                ? (uint)slots[i].Immediate | ((ulong)(uint)slots[i + 1].Immediate << 32)
                : null;
            texts[i] = Disassembler.Format(slots[i], form, immediate64);
            i += form.SlotCount - 1;
        }

        return texts;
    }
}
