namespace Ebpf.Verifier.Tests.Kernel;

/// <summary>
/// A theory over Debian's libbpf-tools, skipped with the reason where the package is not installed (and, with
/// <c>kernel</c>, where the kernel cannot be asked).
/// </summary>
internal sealed class LibbpfToolsTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips unless <see cref="LibbpfToolsTests.PackageList"/> exists and, when <paramref name="kernel"/>, the kernel can be asked.</summary>
    public LibbpfToolsTheoryAttribute(bool kernel = false) =>
        Skip = !File.Exists(LibbpfToolsTests.PackageList) ? $"{LibbpfToolsTests.PackageList} is missing: {LibbpfToolsTests.Hint}"
            : kernel ? KernelVerdict.Unavailable
            : null;
}

/// <summary>A fact about Debian's libbpf-tools, skipped with the reason where the package is not installed.</summary>
internal sealed class LibbpfToolsFactAttribute : FactAttribute
{
    /// <summary>Skips unless <see cref="LibbpfToolsTests.PackageList"/> exists.</summary>
    public LibbpfToolsFactAttribute() =>
        Skip = !File.Exists(LibbpfToolsTests.PackageList) ? $"{LibbpfToolsTests.PackageList} is missing: {LibbpfToolsTests.Hint}" : null;
}
