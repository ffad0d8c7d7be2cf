using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;
using Ebpf.Elf.Externs;
using Ebpf.Elf.Format;
using Ebpf.Elf.Loading;

namespace Ebpf.Elf;

/// <summary>
/// Reads a clang BPF object into an <see cref="ObjectSpec"/>, as libbpf would: a chain of named steps
/// over the ELF file. Never throws on malformed input: it reports a diagnostic instead.
/// </summary>
public static class ObjectReader
{
    /// <summary>
    /// Reads an object from its bytes with <see cref="ObjectReadOptions.Default"/> (CO-RE and externs against the running
    /// kernel); <paramref name="name"/> names it in messages and specs.
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, string name, out ObjectSpec? spec, out ImmutableArray<Diagnostic> diagnostics) =>
        TryRead(bytes, name, ObjectReadOptions.Default, out spec, out diagnostics);

    /// <summary>
    /// Reads an object written for <paramref name="platform"/>: its section names and map types are read in that
    /// platform's numbering; null decides from the sections (Linux, unless the programs are in sections only eBPF for
    /// Windows knows, such as <c>bind</c>).
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, string name, AbiPlatform? platform, out ObjectSpec? spec, out ImmutableArray<Diagnostic> diagnostics) =>
        TryRead(bytes, name, ObjectReadOptions.Default with { Platform = platform }, out spec, out diagnostics);

    /// <summary>Reads an object from its bytes, applying CO-RE relocations and externs as <paramref name="options"/> say.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, string name, ObjectReadOptions options, out ObjectSpec? spec, out ImmutableArray<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            spec = Read(bytes, name, options);
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
    public static ObjectSpec ReadFile(string path) => ReadFile(path, ObjectReadOptions.Default);

    /// <summary>Reads an object file written for <paramref name="platform"/> (null: decided from its sections); throws <see cref="DiagnosticException"/> when it is malformed or unsupported.</summary>
    public static ObjectSpec ReadFile(string path, AbiPlatform? platform) => ReadFile(path, ObjectReadOptions.Default with { Platform = platform });

    /// <summary>Reads an object file with <paramref name="options"/>; throws <see cref="DiagnosticException"/> when it is malformed or unsupported.</summary>
    public static ObjectSpec ReadFile(string path, ObjectReadOptions options)
    {
        var bytes = File.ReadAllBytes(path);
        return TryRead(bytes, Path.GetFileName(path), options, out var spec, out var diagnostics) ? spec! : throw new DiagnosticException(diagnostics);
    }

    private static ObjectSpec Read(ReadOnlyMemory<byte> bytes, string name, ObjectReadOptions options)
    {
        var context = new LoadContext(ElfFile.Parse(bytes), Path.GetFileNameWithoutExtension(name));
        MetadataStep.Run(context);
        BtfStep.Run(context);
        BtfMapsStep.Run(context);
        LegacyMapsStep.Run(context);
        GlobalDataStep.Run(context);
        if (HasKconfigExterns(context))
        {
            KconfigStep.Run(context, options.EffectiveKernelConfig);
        }

        FunctionsStep.Run(context);
        RelocationStep.Run(context);
        if (HasCoreRelocations(context))
        {
            // Only objects that need the target's types pay for reading a kernel's hundred thousand of them.
            CoreRelocationStep.Run(context, options.EffectiveTargetBtf);
        }

        var programs = PlatformStep.Run(context, LinkStep.Run(context, BtfStep.LineLookup(context)), options.Platform);
        return new ObjectSpec(context.Name, context.License, context.KernelVersion, programs, [.. context.Maps], context.Warnings.ToImmutable())
        {
            Btf = context.Btf,
            BtfExt = context.BtfExt,
        };
    }

    private static bool HasCoreRelocations(LoadContext context) =>
        context.BtfExt?.Sections.Values.Any(s => !s.CoreRelocations.IsEmpty) == true;

    private static bool HasKconfigExterns(LoadContext context) =>
        context.Btf?.FindByName(KconfigStep.SectionName, Btf.BtfKind.DataSection) is not null;
}
