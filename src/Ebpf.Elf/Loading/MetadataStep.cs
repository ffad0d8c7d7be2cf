using System.Buffers.Binary;
using System.Text;
using Ebpf.Core.Diagnostics;
using Ebpf.Elf.Binary;

namespace Ebpf.Elf.Loading;

/// <summary>Reads the <c>license</c> string and the <c>version</c> of old objects.</summary>
internal static class MetadataStep
{
    public static void Run(LoadContext context)
    {
        if (context.Elf.Find("license") is { } license)
        {
            var bytes = license.Data.Span;
            var end = bytes.IndexOf((byte)0);
            context.License = Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
        }

        if (context.Elf.Find("version") is { } version)
        {
            if (version.Data.Length != 4)
            {
                throw MalformedInputException.At(DiagnosticCode.MalformedElf, $"the version section is {version.Data.Length} bytes, not 4", "version");
            }

            context.KernelVersion = BinaryPrimitives.ReadUInt32LittleEndian(version.Data.Span);
        }
    }
}
