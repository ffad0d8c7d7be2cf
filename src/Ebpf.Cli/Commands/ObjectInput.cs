using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Elf;

namespace Ebpf.Cli.Commands;

/// <summary>Reads an object file for a command, refusing unreadable or malformed ones with their diagnostics.</summary>
internal static class ObjectInput
{
    /// <summary>Reads <paramref name="path"/> as <paramref name="options"/> say (platform, CO-RE target, kernel configuration).</summary>
    public static ObjectSpec Load(string path, ObjectReadOptions? options = null)
    {
        var bytes = CommandAction.ReadFile(path);
        return ObjectReader.TryRead(bytes, Path.GetFileName(path), options ?? ObjectReadOptions.Default, out var spec, out var diagnostics)
            ? spec!
            : throw new DiagnosticException(diagnostics);
    }

    /// <summary>The programs a command works on: the one named, or all of them.</summary>
    public static IReadOnlyList<ProgramSpec> Programs(ObjectSpec spec, string path, string? name)
    {
        if (name is null)
        {
            return spec.Programs;
        }

        return spec.FindProgram(name) is { } program
            ? [program]
            : throw CommandAction.Refuse(DiagnosticCode.InputNotFound, path,
                $"no program named '{name}'; the object has {string.Join(", ", spec.Programs.Select(p => p.Name))}");
    }
}
