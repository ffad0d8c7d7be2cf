using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Ebpf.Testing;

/// <summary>Runs FsCheck properties from a known seed and names it when one fails.</summary>
/// <remarks>The seed is fixed so that runs repeat; set <c>EBPF_TEST_SEED</c> to explore others. Linked into the test projects that use FsCheck.</remarks>
internal static class SeededProperty
{
    /// <summary>The seed: <c>EBPF_TEST_SEED</c> when set, otherwise <paramref name="fallback"/>.</summary>
    public static ulong Seed(ulong fallback) =>
        ulong.TryParse(Environment.GetEnvironmentVariable("EBPF_TEST_SEED"), out var seed) ? seed : fallback;

    /// <summary>Checks <paramref name="property"/> on <paramref name="count"/> cases, printing the seed on failure.</summary>
    public static void Check(Property property, ulong seed, int count)
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(count)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        try
        {
            property.Check(config);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            throw new Xunit.Sdk.XunitException($"property failed with seed {seed} (rerun with EBPF_TEST_SEED={seed}):{Environment.NewLine}{failure.Message}");
        }
    }
}
