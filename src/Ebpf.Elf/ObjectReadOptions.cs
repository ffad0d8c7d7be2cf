using Ebpf.Core.Abi;
using Ebpf.Elf.Btf;
using Ebpf.Elf.CoRe;
using Ebpf.Elf.Externs;

namespace Ebpf.Elf;

/// <summary>
/// What reading an object may depend on outside its bytes: the types CO-RE relocations are applied against and the
/// values of <c>__kconfig</c> externs. By default both come from the running kernel
/// (<c>/sys/kernel/btf/vmlinux</c>, <c>/proc/config.gz</c>, <c>uname</c>), as libbpf takes them;
/// <see cref="Hermetic"/> reads with only what the options give.
/// </summary>
public sealed record ObjectReadOptions
{
    /// <summary>The running kernel's types and configuration, where it exposes them.</summary>
    public static ObjectReadOptions Default { get; } = new();

    /// <summary>Nothing from the machine: CO-RE relocations need <see cref="TargetBtf"/>, externs <see cref="KernelConfig"/>.</summary>
    public static ObjectReadOptions Hermetic { get; } = new() { UseRunningKernel = false };

    /// <summary>The types CO-RE relocations resolve against (libbpf's <c>btf_custom_path</c>); null for the running kernel's.</summary>
    public BtfSpec? TargetBtf { get; init; }

    /// <summary>The values of <c>CONFIG_*</c> and <c>LINUX_*</c> externs; null for the running kernel's.</summary>
    public KernelConfig? KernelConfig { get; init; }

    /// <summary>
    /// The platform whose numbering the object is read in (<see cref="AbiPlatform.Windows"/>: eBPF for Windows' section
    /// names and map types); null decides from the sections.
    /// </summary>
    public AbiPlatform? Platform { get; init; }

    /// <summary>Whether what the options leave null is taken from the running kernel. True by default.</summary>
    public bool UseRunningKernel { get; init; } = true;

    /// <summary>The target BTF in effect: the one given, else the running kernel's when allowed and present.</summary>
    public BtfSpec? EffectiveTargetBtf => TargetBtf ?? (UseRunningKernel ? TargetBtfFile.RunningKernel : null);

    /// <summary>The kernel configuration in effect: the one given, else the running kernel's when allowed, else none.</summary>
    public KernelConfig? EffectiveKernelConfig => KernelConfig ?? (UseRunningKernel ? KernelConfig.RunningKernel : null);
}
