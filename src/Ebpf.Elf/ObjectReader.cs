using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;
using Ebpf.Elf.Format;
using Ebpf.Elf.Loading;

namespace Ebpf.Elf;

/// <summary>
/// Reads a clang BPF object into an <see cref="ObjectSpec"/>, as libbpf would: a chain of named steps
/// over the ELF file. Never throws on malformed input: it reports a diagnostic instead.
/// </summary>
public static class ObjectReader
{
    /// <summary>Reads an object from its bytes; <paramref name="name"/> names it in messages and specs.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, string name, out ObjectSpec? spec, out ImmutableArray<Diagnostic> diagnostics) =>
        TryRead(bytes, name, null, out spec, out diagnostics);

    /// <summary>
    /// Reads an object written for <paramref name="platform"/>: its section names and map types are read in that
    /// platform's numbering. Null decides from the sections, as <see cref="TryRead(ReadOnlyMemory{byte}, string, out ObjectSpec?, out ImmutableArray{Diagnostic})"/> does:
    /// Linux, unless the programs are in sections only eBPF for Windows knows (<c>bind</c>).
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, string name, AbiPlatform? platform, out ObjectSpec? spec, out ImmutableArray<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            spec = Read(bytes, name, platform);
            diagnostics = spec.Warnings;
            return true;
        }
        catch (MalformedInputException malformed)
        {
            spec = null;
            diagnostics = [malformed.Diagnostic with { Location = malformed.Diagnostic.Location with { File = name } }];
            return false;
        }
    }

    /// <summary>Reads an object file; throws <see cref="DiagnosticException"/> when it is malformed or unsupported.</summary>
    public static ObjectSpec ReadFile(string path) => ReadFile(path, null);

    /// <summary>Reads an object file written for <paramref name="platform"/> (null: decided from its sections); throws <see cref="DiagnosticException"/> when it is malformed or unsupported.</summary>
    public static ObjectSpec ReadFile(string path, AbiPlatform? platform)
    {
        var bytes = File.ReadAllBytes(path);
        return TryRead(bytes, Path.GetFileName(path), platform, out var spec, out var diagnostics) ? spec! : throw new DiagnosticException(diagnostics);
    }

    private static ObjectSpec Read(ReadOnlyMemory<byte> bytes, string name, AbiPlatform? platform)
    {
        var context = new LoadContext(ElfFile.Parse(bytes), Path.GetFileNameWithoutExtension(name));
        MetadataStep.Run(context);
        BtfStep.Run(context);
        BtfMapsStep.Run(context);
        LegacyMapsStep.Run(context);
        GlobalDataStep.Run(context);
        FunctionsStep.Run(context);
        RelocationStep.Run(context);
        var programs = PlatformStep.Run(context, LinkStep.Run(context, BtfStep.LineLookup(context)), platform);
        return new ObjectSpec(context.Name, context.License, context.KernelVersion, programs, [.. context.Maps], context.Warnings.ToImmutable())
        {
            Btf = context.Btf,
            BtfExt = context.BtfExt,
        };
    }
}
