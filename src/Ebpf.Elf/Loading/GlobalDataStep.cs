using Ebpf.Core.Abi;
using Ebpf.Core.Specs;

namespace Ebpf.Elf.Loading;

/// <summary>
/// Turns every global data section (<c>.data*</c>, <c>.rodata*</c>, <c>.bss*</c>, as libbpf names them) into a
/// one-entry array map holding the section's initial bytes; <c>.rodata</c> is read-only for programs.
/// </summary>
internal static class GlobalDataStep
{
    public static void Run(LoadContext context)
    {
        foreach (var section in context.Elf.Sections)
        {
            if (Kind(section.Name) is not { } kind || section.Size == 0 || section.IsExecutable
                || (kind == DataKind.Bss) != section.IsNoBits)
            {
                continue;
            }

            var flags = MapFlags.Mmapable | (kind == DataKind.ReadOnly ? MapFlags.ReadOnlyProgram : MapFlags.None);
            context.DataMapsBySection[section.Index] = context.Maps.Count;
            context.Maps.Add(new MapSpec(section.Name, MapType.Array, 4, (uint)section.Size, 1, flags)
            {
                Origin = MapOrigin.GlobalData,
                SectionName = section.Name,
                InitialValue = section.Contents(),
            });
        }
    }

    private enum DataKind
    {
        Writable,
        ReadOnly,
        Bss,
    }

    private static DataKind? Kind(string name) =>
        Is(name, ".data") ? DataKind.Writable
        : Is(name, ".rodata") ? DataKind.ReadOnly
        : Is(name, ".bss") ? DataKind.Bss
        : null;

    private static bool Is(string name, string prefix) =>
        name == prefix || (name.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length] == '.');
}
