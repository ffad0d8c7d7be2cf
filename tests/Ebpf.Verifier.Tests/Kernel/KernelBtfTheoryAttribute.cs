using Ebpf.Elf.CoRe;

namespace Ebpf.Verifier.Tests.Kernel;

/// <summary>A theory that needs the running kernel's BTF (CO-RE relocations, BTF-typed pointers); skipped, saying so, without it.</summary>
public sealed class KernelBtfTheoryAttribute : TheoryAttribute
{
    public KernelBtfTheoryAttribute() =>
        Skip = File.Exists(TargetBtfFile.RunningKernelPath) ? null : $"{TargetBtfFile.RunningKernelPath} is missing: a kernel built with CONFIG_DEBUG_INFO_BTF exposes its types there";
}
