using System.Diagnostics.CodeAnalysis;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;
using Ebpf.Elf.Btf;
using Ebpf.Elf.Format;

namespace Ebpf.Elf.CoRe;

/// <summary>
/// Reads the BTF CO-RE relocations are applied against: raw BTF (<c>/sys/kernel/btf/vmlinux</c>, <c>bpftool btf dump
/// ... format raw</c>) or the <c>.BTF</c> section of an ELF file (a vmlinux image, another BPF object).
/// </summary>
public static class TargetBtfFile
{
    /// <summary>Where Linux exposes its own types.</summary>
    public const string RunningKernelPath = "/sys/kernel/btf/vmlinux";

    private static readonly Lazy<BtfSpec?> Running = new(() =>
        File.Exists(RunningKernelPath) && TryLoad(RunningKernelPath, out var btf, out _) ? btf : null);

    /// <summary>The running kernel's BTF, read once; null where the kernel exposes none (or not Linux).</summary>
    public static BtfSpec? RunningKernel => Running.Value;

    /// <summary>Reads a target BTF file; false and an <see cref="DiagnosticCode.InvalidTargetBtf"/> diagnostic when it is none.</summary>
    public static bool TryLoad(string path, [NotNullWhen(true)] out BtfSpec? btf, [NotNullWhen(false)] out Diagnostic? diagnostic)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            btf = null;
            diagnostic = Invalid(path, e.Message);
            return false;
        }

        return TryRead(bytes, path, out btf, out diagnostic);
    }

    /// <summary>Reads target BTF from bytes, raw or in an ELF file's <c>.BTF</c>; <paramref name="name"/> names it in messages.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, string name, [NotNullWhen(true)] out BtfSpec? btf, [NotNullWhen(false)] out Diagnostic? diagnostic)
    {
        ArgumentNullException.ThrowIfNull(name);
        var span = bytes.Span;
        btf = null;
        if (span.Length >= 4 && span[0] == 0x7F && span[1] == (byte)'E' && span[2] == (byte)'L' && span[3] == (byte)'F')
        {
            try
            {
                if (ElfFile.Parse(bytes).Find(BtfSpec.SectionName) is not { } section)
                {
                    diagnostic = Invalid(name, $"the ELF file has no {BtfSpec.SectionName} section");
                    return false;
                }

                span = section.Data.Span;
            }
            catch (MalformedInputException malformed)
            {
                diagnostic = Invalid(name, malformed.Diagnostic.Message);
                return false;
            }
        }

        if (!BtfSpec.TryParse(span, out btf, out var problem))
        {
            diagnostic = Invalid(name, problem.Message);
            return false;
        }

        diagnostic = null;
        return true;
    }

    private static Diagnostic Invalid(string name, string why) =>
        new(DiagnosticCode.InvalidTargetBtf, $"'{name}' is not usable as target BTF (raw BTF or an ELF file with {BtfSpec.SectionName}): {why}",
            new DiagnosticLocation(File: name));
}
