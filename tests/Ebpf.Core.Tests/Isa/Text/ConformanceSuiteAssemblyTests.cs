using System.Buffers.Binary;
using Ebpf.Core.Isa;
using Ebpf.Core.Isa.Text;

namespace Ebpf.Core.Tests.Isa.Text;

public sealed class ConformanceSuiteAssemblyTests
{
    public static TheoryData<string> Files => [.. ConformanceData.FileNames(ConformanceData.Folder)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_asm_section_of_the_suite_assembles_without_diagnostics(string file)
    {
        var test = ConformanceData.Load(ConformanceData.Folder, file);
        Assert.True(test.Assembly is not null, $"{file} has no -- asm section");

        var ok = Assembler.TryAssemble(test.Assembly, out var slots, out var diagnostics);

        Assert.True(ok, string.Join(Environment.NewLine, diagnostics));
        Assert.Empty(diagnostics);
        Assert.NotEmpty(slots);
        if (test.Raw is { } raw)
        {
            Assert.Equal(raw.ToArray(), Instruction.ToBytes(slots.AsSpan()));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_assembled_suite_program_passes_the_decoder(string file)
    {
        var slots = Assembler.Assemble(ConformanceData.Load(ConformanceData.Folder, file).Assembly!);

        var ok = ProgramDecoder.TryDecode(slots.AsSpan(), out _, out var diagnostics);

        Assert.True(ok, string.Join(Environment.NewLine, diagnostics));
    }

    [Fact]
    public void No_data_file_of_the_suite_is_skipped()
    {
        var onDisk = Directory.GetFiles(ConformanceData.Folder, "*.data").Length;
        var assembled = 0;
        var withRaw = 0;
        foreach (var file in Files)
        {
            var test = ConformanceData.Load(ConformanceData.Folder, file);
            if (test.Assembly is { } asm && Assembler.TryAssemble(asm, out _, out _))
            {
                assembled++;
                withRaw += test.Raw is null ? 0 : 1;
            }
        }

        Assert.True(onDisk >= 313, $"expected the whole suite (313 files) in {ConformanceData.Folder}, found {onDisk}");
        Assert.Equal(onDisk, Files.Count);
        Assert.Equal(onDisk, assembled);
        Assert.True(withRaw >= 1, "lddw.data compares its -- raw section");
    }

    [Fact]
    public void The_lddw_file_assembles_to_its_raw_words()
    {
        var slots = Assembler.Assemble(ConformanceData.Load(ConformanceData.Folder, "lddw.data").Assembly!);

        Assert.Equal(
            [0x5566778800000018UL, 0x1122334400000000UL, 0x0000000000000095UL],
            slots.Select(s => BinaryPrimitives.ReadUInt64LittleEndian(Instruction.ToBytes([s]))));
    }
}
