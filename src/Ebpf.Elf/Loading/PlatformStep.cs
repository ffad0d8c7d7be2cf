using System.Collections.Immutable;
using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Elf.Binary;

namespace Ebpf.Elf.Loading;

/// <summary>
/// Decides whose numbering an object was written for and types its programs by that platform's section names. An
/// object is eBPF for Windows' when the reader is told so, or when a program's section is one only Windows' loader
/// knows (<c>bind</c>, <c>xdp_test</c>, <c>cgroup/recv_accept4</c>, <c>cgroup/recv_accept6</c>) and every other is one
/// Windows knows too (<c>xdp</c>, <c>cgroup/connect4</c> and <c>cgroup/connect6</c> are both platforms', so alone they
/// stay Linux's unless the reader is told); its maps' types are then Windows' numbers, turned into Linux's by name
/// (only hash, array and program array coincide).
/// </summary>
internal static class PlatformStep
{
    /// <summary>
    /// eBPF for Windows' section names (netebpfext's <c>ebpf_program_section_info_t</c> tables) for the types supported
    /// here: program type and attach type, both in Windows' numbering.
    /// </summary>
    private static readonly Dictionary<string, (int Type, int AttachType)> WindowsSections = new(StringComparer.Ordinal)
    {
        ["xdp"] = (WindowsProgramType.Xdp, WindowsAttachType.Xdp),
        ["xdp_test"] = (WindowsProgramType.XdpTest, WindowsAttachType.XdpTest),
        ["bind"] = (WindowsProgramType.Bind, WindowsAttachType.Bind),
        ["cgroup/connect4"] = (WindowsProgramType.CgroupSockAddr, WindowsAttachType.CgroupInet4Connect),
        ["cgroup/connect6"] = (WindowsProgramType.CgroupSockAddr, WindowsAttachType.CgroupInet6Connect),
        ["cgroup/recv_accept4"] = (WindowsProgramType.CgroupSockAddr, WindowsAttachType.CgroupInet4RecvAccept),
        ["cgroup/recv_accept6"] = (WindowsProgramType.CgroupSockAddr, WindowsAttachType.CgroupInet6RecvAccept),
    };

    /// <summary>The sections libbpf does not know, so that they say "eBPF for Windows" by themselves.</summary>
    private static readonly HashSet<string> WindowsOnlySections = new(StringComparer.Ordinal) { "bind", "xdp_test", "cgroup/recv_accept4", "cgroup/recv_accept6" };

    public static ImmutableArray<ProgramSpec> Run(LoadContext context, ImmutableArray<ProgramSpec> programs, AbiPlatform? platform)
    {
        var windows = platform == AbiPlatform.Windows
            || (platform is null && programs.Any(p => WindowsOnlySections.Contains(p.SectionName))
                && programs.All(p => p.IsTypeUnknown || WindowsSections.ContainsKey(p.SectionName)));
        if (!windows)
        {
            return programs;
        }

        for (var i = 0; i < context.Maps.Count; i++)
        {
            var map = context.Maps[i];
            if (map.Origin == MapOrigin.GlobalData)
            {
                continue;
            }

            context.Maps[i] = map with
            {
                Type = LinuxMapType((int)map.Type) ?? throw new MalformedInputException(new Diagnostic(DiagnosticCode.MalformedMapDefinition,
                    $"map '{map.Name}' has type {(int)map.Type}, which eBPF for Windows does not number", new DiagnosticLocation(Section: map.SectionName))),
            };
        }

        return [.. programs.Select(p => p with
        {
            Platform = AbiPlatform.Windows,
            Type = WindowsSections.TryGetValue(p.SectionName, out var section) ? (ProgramType)section.Type : ProgramType.Unspecified,
            ExpectedAttachType = WindowsSections.TryGetValue(p.SectionName, out section) ? (AttachType)section.AttachType : null,
            AttachTarget = null,
        })];
    }

    /// <summary>Linux's map type named as Windows' type <paramref name="windowsType"/>, or null.</summary>
    private static MapType? LinuxMapType(int windowsType) =>
        AbiTable.Windows.FindMapType(windowsType) is { } windows && AbiTable.Linux.MapTypes.FirstOrDefault(m => m.Name == windows.Name) is { } linux
            ? (MapType)linux.Id
            : null;
}
