using System.CommandLine;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf;
using Ebpf.Elf.CoRe;
using Ebpf.Elf.Externs;

namespace Ebpf.Cli.Commands;

/// <summary>
/// <c>--btf FILE</c> and <c>--kconfig FILE</c>: the kernel an object's CO-RE relocations and <c>__kconfig</c> externs are
/// resolved for, where it is not the running one (whose <c>/sys/kernel/btf/vmlinux</c> and <c>/proc/config.gz</c> are the default).
/// </summary>
internal sealed class TargetOptions
{
    public Option<string?> Btf { get; } = new("--btf")
    {
        Description = "Apply CO-RE relocations against this BTF (raw, as /sys/kernel/btf/vmlinux, or an ELF file with .BTF) instead of the running kernel's.",
        HelpName = "FILE",
    };

    public Option<string?> Kconfig { get; } = new("--kconfig")
    {
        Description = "Take __kconfig externs (CONFIG_*) from this kernel .config (plain or gzip) instead of /proc/config.gz.",
        HelpName = "FILE",
    };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Btf);
        command.Options.Add(Kconfig);
    }

    /// <summary>The read options the command line asks for; an unusable file refuses the command (exit 2).</summary>
    public ObjectReadOptions Read(ParseResult parse)
    {
        var options = ObjectReadOptions.Default;
        if (parse.GetValue(Btf) is { } btfPath)
        {
            options = TargetBtfFile.TryLoad(btfPath, out var btf, out var problem)
                ? options with { TargetBtf = btf }
                : throw new DiagnosticException([problem]);
        }

        if (parse.GetValue(Kconfig) is { } configPath)
        {
            options = KernelConfig.TryLoad(configPath, KernelConfig.RunningKernel.KernelVersion, out var config, out var problem)
                ? options with { KernelConfig = config }
                : throw new DiagnosticException([problem]);
        }

        return options;
    }
}
