using Ebpf.Core.Diagnostics;

namespace Ebpf.Elf.Tests.Loading;

/// <summary>
/// Truncations and byte flips of every object: the reader must answer each with a spec or with its own
/// diagnostics, never another exception. Seeded; set EBPF_TEST_SEED to explore other cases.
/// </summary>
public sealed class MutationTests
{
    private const int CasesPerObject = 400;

    public static TheoryData<string> Objects() => ObjectFiles.AllNames();

    [Theory]
    [MemberData(nameof(Objects))]
    public void Mutated_objects_get_diagnostics_never_exceptions(string relative)
    {
        var original = File.ReadAllBytes(ObjectFiles.PathOf(relative));
        var seed = int.TryParse(Environment.GetEnvironmentVariable("EBPF_TEST_SEED"), out var s) ? s : relative.Length * 7919;
        var random = new Random(seed);
        for (var i = 0; i < CasesPerObject; i++)
        {
            var mutated = Mutate(original, random, i);
            try
            {
                if (!ObjectReader.TryRead(mutated, "mutated.o", out var spec, out var diagnostics))
                {
                    Assert.NotEmpty(diagnostics);
                    Assert.All(diagnostics, d => Assert.InRange((int)d.Code, 1000, 9999));
                }
                else
                {
                    Assert.NotNull(spec);
                }
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"{relative}, seed {seed}, case {i}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }
        }
    }

    [Fact]
    public void Garbage_and_empty_input_are_not_elf()
    {
        Assert.False(ObjectReader.TryRead(Array.Empty<byte>(), "empty.o", out _, out var empty));
        Assert.Equal(DiagnosticCode.NotElf, Assert.Single(empty).Code);
        Assert.False(ObjectReader.TryRead("#!/bin/sh\necho hi\n"u8.ToArray(), "script.o", out _, out var script));
        Assert.Equal(DiagnosticCode.NotElf, Assert.Single(script).Code);
    }

    [Fact]
    public void A_host_elf_binary_is_refused_as_unsupported()
    {
        var host = File.ReadAllBytes("/bin/sh".Length > 0 && File.Exists("/bin/sh") ? "/bin/sh" : typeof(MutationTests).Assembly.Location);
        Assert.False(ObjectReader.TryRead(host, "sh", out _, out var diagnostics));
        Assert.Contains(Assert.Single(diagnostics).Code, new[] { DiagnosticCode.UnsupportedElf, DiagnosticCode.NotElf });
    }

    /// <summary>Half the cases flip 1 to 8 random bytes, some favouring the headers; the rest truncate.</summary>
    private static byte[] Mutate(byte[] original, Random random, int index)
    {
        if (index % 2 == 0)
        {
            return original[..random.Next(original.Length)];
        }

        var copy = (byte[])original.Clone();
        var flips = random.Next(1, 9);
        for (var f = 0; f < flips; f++)
        {
            var position = random.Next(3) == 0 ? random.Next(Math.Min(64, copy.Length)) : random.Next(copy.Length);
            copy[position] = (byte)random.Next(256);
        }

        return copy;
    }
}
