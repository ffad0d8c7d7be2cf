using Ebpf.Core.Abi;
using Ebpf.Core.Diagnostics;
using Ebpf.Core.Specs;
using Ebpf.Elf;
using Ebpf.Hooks.Sockets;
using Ebpf.Runtime.Execution;
using Ebpf.Runtime.Loading;

namespace Ebpf.Cli.Commands;

/// <summary>
/// Loads the programs <c>ebpf exec --bind OBJ[:PROGRAM] --connect OBJ[:PROGRAM]</c> names: each object once (so that a
/// bind and a connect program of one object share its maps), with the named program, or every program of the
/// option's hooks when none is named.
/// </summary>
internal static class SocketProgramInput
{
    public static (SocketHookPrograms Programs, IReadOnlyList<LoadedObject> Objects) Load(
        IEnumerable<string> bind, IEnumerable<string> connect, EngineKind engine, bool unverified, AbiPlatform? platform = null)
    {
        var wanted = bind.Select(b => (Split(b), Call: SocketCallKind.Bind)).Concat(connect.Select(c => (Split(c), Call: SocketCallKind.Connect))).ToList();
        var chosen = new List<(string File, ProgramSpec Program, SocketCallKind Call)>();
        var specs = new Dictionary<string, ObjectSpec>(StringComparer.Ordinal);
        foreach (var ((file, name), call) in wanted)
        {
            if (!specs.TryGetValue(file, out var spec))
            {
                specs[file] = spec = ObjectInput.Load(file, ObjectReadOptions.Default with { Platform = platform });
            }

            var programs = ObjectInput.Programs(spec, file, name);
            if (name is not null && IsWindowsRecvAccept(programs[0]))
            {
                throw new DiagnosticException([new Diagnostic(DiagnosticCode.RecvAcceptNotHooked,
                    $"program '{name}' (section '{programs[0].SectionName}') runs when Windows accepts a connection or receives a first datagram; ebpf exec hooks bind and connect only",
                    new DiagnosticLocation(File: file, Program: name))]);
            }

            var matching = programs.Where(p => Fits(p, call)).ToList();
            if (matching.Count == 0 || (name is not null && matching.Count != programs.Count))
            {
                var hooks = call == SocketCallKind.Bind ? "cgroup/bind4, cgroup/bind6 or (eBPF for Windows) bind" : "cgroup/connect4 or cgroup/connect6 (Linux's or eBPF for Windows')";
                throw new DiagnosticException([new Diagnostic(DiagnosticCode.NotASocketAddressProgram, name is null
                    ? $"the object has no {hooks} program"
                    : $"program '{name}' (section '{programs[0].SectionName}') is not a {hooks} program", new DiagnosticLocation(File: file, Program: name))]);
            }

            chosen.AddRange(matching.Select(p => (file, p, call)));
        }

        var objects = new List<LoadedObject>();
        var hookPrograms = new SocketHookPrograms();
        try
        {
            foreach (var group in chosen.GroupBy(c => c.File))
            {
                var names = group.Select(c => c.Program.Name).ToHashSet(StringComparer.Ordinal);
                var spec = specs[group.Key];
                var loaded = LoadedObject.Load(spec, new LoadOptions(engine)
                {
                    AllowUnverified = unverified,
                    SkipPrograms = spec.Programs.Where(p => !names.Contains(p.Name)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal),
                });
                objects.Add(loaded);
                foreach (var (_, program, call) in group)
                {
                    hookPrograms = hookPrograms.With(loaded.FindProgram(program.Name)!, call);
                }
            }
        }
        catch
        {
            objects.ForEach(o => o.Dispose());
            throw;
        }

        return (hookPrograms, objects);
    }

    /// <summary><c>OBJ:PROGRAM</c> into its parts; a path that exists as given (it may hold a colon) is the object alone.</summary>
    private static (string File, string? Program) Split(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon <= 0 || colon == text.Length - 1 || File.Exists(text) ? (text, null) : (text[..colon], text[(colon + 1)..]);
    }

    private static bool Fits(ProgramSpec program, SocketCallKind call) =>
        program.Platform == AbiPlatform.Windows
            ? call == SocketCallKind.Bind
                ? (int)program.Type == WindowsProgramType.Bind
                : (int)program.Type == WindowsProgramType.CgroupSockAddr
                    && (int?)program.ExpectedAttachType is WindowsAttachType.CgroupInet4Connect or WindowsAttachType.CgroupInet6Connect
            : program.Type == ProgramType.CgroupSockAddr && (call == SocketCallKind.Bind
            ? program.ExpectedAttachType is AttachType.CgroupInet4Bind or AttachType.CgroupInet6Bind
            : program.ExpectedAttachType is AttachType.CgroupInet4Connect or AttachType.CgroupInet6Connect);

    /// <summary>eBPF for Windows' <c>cgroup/recv_accept4</c>/<c>6</c>: a sock_addr program no hook of <c>ebpf exec</c> runs.</summary>
    private static bool IsWindowsRecvAccept(ProgramSpec program) =>
        program.Platform == AbiPlatform.Windows && (int)program.Type == WindowsProgramType.CgroupSockAddr
        && (int?)program.ExpectedAttachType is WindowsAttachType.CgroupInet4RecvAccept or WindowsAttachType.CgroupInet6RecvAccept;
}
