using Ebpf.Testing;
using System.Text;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Isa.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Ebpf.Core.Tests.Isa.Text;

/// <summary>Hostile text gives diagnostics, never exceptions.</summary>
public sealed class AssemblerRobustnessTests
{
    private const string Alphabet = "%r0123456789abcdefxX[]+-,:# \t_.lockfetchmovjaexit\u0000\u00e9\u2028\ud800\r\n";

    private static readonly string[] Tokens =
    [
        "mov", "mov32", "lddw", "ja", "ja32", "jeq", "jne32", "call", "local", "kfunc", "lock", "fetch", "add",
        "cmpxchg32", "xchg", "exit", "ldxb", "stxdw", "stw", "ldabsw", "ldindb", "be16", "bswap64", "movsx832",
        "%r0", "%r1", "%r10", "%r11", "%r", "%", "r1", "[%r1+4]", "[%r10-8]", "[%r1]", "[", "]", "[%r1+0x10000]",
        "0", "-1", "+5", "0x", "0xffffffff", "0x100000000", "18446744073709551615", "-9223372036854775809",
        "99999999999999999999999", ",", ",,", ":", "label", "label:", "exit:", "#", "map_fd", " ", "\t", "\u00e9",
    ];

    [Fact]
    public void Random_strings_give_diagnostics_not_exceptions()
    {
        var text = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>(),
            Gen.Elements(Alphabet.ToCharArray()).ArrayOf().Select(c => new string(c)));
        var property = Prop.ForAll(text.Where(s => s is not null).ToArbitrary(), s =>
        {
            CheckOutcome(s);
            return true;
        });

        SeededProperty.Check(property, SeededProperty.Seed(0x5eed_0003), 5000);
    }

    [Fact]
    public void Programs_of_random_tokens_give_diagnostics_not_exceptions()
    {
        var seed = SeededProperty.Seed(0x5eed_0004);
        var random = new Random(unchecked((int)seed));
        for (var i = 0; i < 5000; i++)
        {
            var program = new StringBuilder();
            for (var line = random.Next(1, 8); line > 0; line--)
            {
                for (var token = random.Next(0, 7); token > 0; token--)
                {
                    program.Append(Tokens[random.Next(Tokens.Length)]).Append(random.Next(3) == 0 ? "" : " ");
                }

                program.Append('\n');
            }

            Run(seed, program.ToString());
        }
    }

    [Fact]
    public void Mutated_suite_lines_give_diagnostics_not_exceptions()
    {
        var lines = ConformanceData.FileNames(ConformanceData.Folder)
            .SelectMany(f => ConformanceData.Load(ConformanceData.Folder, f).Assembly!.Split('\n'))
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Distinct()
            .ToArray();
        var seed = SeededProperty.Seed(0x5eed_0005);
        var random = new Random(unchecked((int)seed));
        for (var i = 0; i < 10_000; i++)
        {
            var line = new StringBuilder(lines[random.Next(lines.Length)]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(line.Length + 1);
                switch (random.Next(3))
                {
                    case 0:
                        line.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    case 1 when at < line.Length:
                        line.Remove(at, 1);
                        break;
                    default:
                        line.Insert(at, Tokens[random.Next(Tokens.Length)]);
                        break;
                }
            }

            Run(seed, $"{line}\nexit");
        }
    }

    [Fact]
    public void Very_long_lines_and_many_errors_are_handled()
    {
        CheckOutcome(new string('[', 100_000));
        CheckOutcome($"mov %r0, {new string('9', 100_000)}");
        CheckOutcome(string.Concat(Enumerable.Repeat("ja nowhere\nldxq\n", 5_000)));
    }

    private static void Run(ulong seed, string program)
    {
        try
        {
            CheckOutcome(program);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed} (rerun with EBPF_TEST_SEED={seed}), program:{Environment.NewLine}{program}{Environment.NewLine}{failure}");
        }
    }

    /// <summary>Either slots and no diagnostics, or no slots and assembler diagnostics on existing lines.</summary>
    private static void CheckOutcome(string program)
    {
        var ok = Assembler.TryAssemble(program, out var slots, out var diagnostics);

        Assert.False(slots.IsDefault);
        Assert.False(diagnostics.IsDefault);
        Assert.Equal(ok, diagnostics.IsEmpty);
        if (ok)
        {
            Assert.Equal(slots.ToArray(), Assembler.Assemble(program).ToArray());
            return;
        }

        Assert.Empty(slots);
        var lineCount = 0;
        foreach (var unused in program.AsSpan().EnumerateLines())
        {
            lineCount++;
        }

        foreach (var diagnostic in diagnostics)
        {
            Assert.InRange((int)diagnostic.Code, (int)DiagnosticCode.UnknownMnemonic, (int)DiagnosticCode.JumpTooFar);
            Assert.InRange(diagnostic.Location.Line ?? 0, 1, lineCount);
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
        }

        Assert.Throws<DiagnosticException>(() => Assembler.Assemble(program));
    }
}
