using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Elf.Binary;
using Ebpf.Elf.Btf;
using Ebpf.Elf.Format;
using Ebpf.Elf.Loading;

namespace Ebpf.Elf.Externs;

/// <summary>
/// Resolves <c>__kconfig</c> externs (the variables of BTF's <c>.kconfig</c> data section) as libbpf does: each gets
/// a place in one read-only <c>.kconfig</c> map, filled with its value (libbpf's own <c>LINUX_*</c> facts, or
/// <c>CONFIG_*</c> from the kernel configuration); references to it become loads of that map's value. A weak extern
/// that has no value reads 0; a strong one refuses the object (<see cref="DiagnosticCode.UnresolvedSymbol"/>).
/// </summary>
internal static class KconfigStep
{
    /// <summary>The data section libbpf's <c>__kconfig</c> attribute places externs in.</summary>
    public const string SectionName = ".kconfig";

    public static void Run(LoadContext context, KernelConfig? config)
    {
        if (context.Btf is not { } btf || btf.FindByName(SectionName, BtfKind.DataSection) is not BtfDataSection section)
        {
            return;
        }

        var placed = new List<(string Name, int Type, int Offset, int Size)>();
        var size = 0;
        foreach (var info in section.Variables)
        {
            if (btf[info.Type] is not BtfVariable { Linkage: BtfVariableLinkage.Extern } variable
                || !btf.TrySizeOf(variable.Type, out var bytes) || bytes is 0 or > 4096)
            {
                continue;
            }

            var alignment = btf.Resolve(variable.Type) is BtfArray ? 1 : (int)Math.Min(bytes, 8);
            size = (size + alignment - 1) / alignment * alignment;
            placed.Add((variable.Name, variable.Type, size, (int)bytes));
            size += (int)bytes;
        }

        if (placed.Count == 0)
        {
            return;
        }

        var value = new byte[size];
        var map = context.Maps.Count;
        foreach (var (name, type, offset, length) in placed)
        {
            var symbol = context.Elf.Symbols.FirstOrDefault(s => s.Name == name && s.IsUndefined);
            var weak = symbol?.Binding == ElfSymbolBinding.Weak;
            if (Lookup(name, config) is not { } text)
            {
                if (!weak)
                {
                    throw MalformedInputException.At(DiagnosticCode.UnresolvedSymbol, Missing(name, config), SectionName);
                }

                continue;
            }

            if (KconfigValue.Encode(btf, type, text, value.AsSpan(offset, length)) is { } problem)
            {
                throw MalformedInputException.At(DiagnosticCode.InvalidKernelConfig, $"__kconfig extern '{name}' = {text}: {problem}", SectionName);
            }

            context.Externs[name] = (map, offset);
        }

        foreach (var (name, _, offset, _) in placed)
        {
            context.Externs.TryAdd(name, (map, offset));
        }

        context.Maps.Add(new MapSpec(SectionName, MapType.Array, 4, (uint)size, 1, MapFlags.Mmapable | MapFlags.ReadOnlyProgram)
        {
            Origin = MapOrigin.GlobalData,
            SectionName = SectionName,
            InitialValue = [.. value],
        });
    }

    /// <summary>libbpf's own facts first, then the configuration's <c>CONFIG_*</c> options.</summary>
    private static string? Lookup(string name, KernelConfig? config) => name switch
    {
        "LINUX_KERNEL_VERSION" when config?.KernelVersion is { } v =>
            (((uint)v.Major << 16) + ((uint)v.Minor << 8) + (uint)Math.Min(Math.Max(v.Build, 0), 255)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        // The platform runs programs calling bpf_get_attach_cookie, which is what libbpf probes the kernel for.
        "LINUX_HAS_BPF_COOKIE" => AbiTable.Linux.FindHelper(HelperId.GetAttachCookie) is null ? "n" : "y",
        // x86-64 kernels since 4.17 wrap system calls: their kprobes see a pt_regs pointer.
        "LINUX_HAS_SYSCALL_WRAPPER" => "y",
        _ when name.StartsWith("CONFIG_", StringComparison.Ordinal) => config?.Values.GetValueOrDefault(name),
        _ => null,
    };

    private static string Missing(string name, KernelConfig? config) =>
        name.StartsWith("CONFIG_", StringComparison.Ordinal)
            ? config is null
                ? $"__kconfig extern '{name}' needs a kernel configuration: pass --kconfig FILE (or ObjectReadOptions.KernelConfig)"
                : $"__kconfig extern '{name}' is not in the kernel configuration, and it is not __weak"
            : name == "LINUX_KERNEL_VERSION"
                ? "__kconfig extern 'LINUX_KERNEL_VERSION' needs the kernel's version: pass --kconfig FILE or run on Linux"
                : $"__kconfig extern '{name}' is none libbpf provides, and it is not __weak";
}
