using Ebpf.Core.Diagnostics;
using Ebpf.Runtime.Maps;

namespace Ebpf.Api.Hosting;

/// <summary>The refusals hosts share, so that both give the same codes.</summary>
internal static class HostErrors
{
    public static DiagnosticException NotFound(string what) => Refuse(DiagnosticCode.ServiceObjectNotFound, what);

    public static DiagnosticException Malformed(string what) => Refuse(DiagnosticCode.ServiceRequestMalformed, what);

    public static DiagnosticException Pin(string what) => Refuse(DiagnosticCode.ServicePinRefused, what);

    public static DiagnosticException Map(BpfMap map, string operation, MapError error) =>
        Refuse(DiagnosticCode.ServiceMapOperationFailed, $"{operation} on map {map.Id} ('{map.Name}') failed: {Errno(error)}");

    public static DiagnosticException Refuse(DiagnosticCode code, string message) => new([new Diagnostic(code, message, new DiagnosticLocation())]);

    /// <summary>Linux's name for a map error, as bpftool prints it.</summary>
    public static string Errno(MapError error) => error switch
    {
        MapError.NotFound => "ENOENT (no such key)",
        MapError.Exists => "EEXIST (key exists)",
        MapError.TooBig => "E2BIG (map full)",
        MapError.InvalidArgument => "EINVAL (invalid argument)",
        MapError.PermissionDenied => "EPERM (operation not permitted)",
        MapError.NoSpace => "ENOSPC (no space)",
        MapError.Busy => "EBUSY (busy)",
        _ => $"errno {(int)error} ({error})",
    };
}
