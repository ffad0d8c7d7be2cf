namespace Ebpf.Verifier.Tests.Kernel;

/// <summary>
/// A theory over the real-world objects, skipped with the reason where they are not installed (and, with
/// <c>kernel</c>, where the kernel cannot be asked).
/// </summary>
internal sealed class RealWorldTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips unless <see cref="RealWorldObjectTests.Folder"/> exists and, when <paramref name="kernel"/>, the kernel can be asked.</summary>
    public RealWorldTheoryAttribute(bool kernel = false) =>
        Skip = !Directory.Exists(RealWorldObjectTests.Folder) ? $"{RealWorldObjectTests.Folder} is missing: {RealWorldObjectTests.Hint}"
            : kernel ? KernelVerdict.Unavailable
            : null;
}
