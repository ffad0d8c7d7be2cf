using System.IO.Pipes;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using Microsoft.AspNetCore.Hosting;

namespace Ebpf.Service.Hosting;

/// <summary>
/// The Windows transport: Kestrel's named pipe listener, open to every signed-in user (as the Unix socket's mode 0666
/// is), so that the access policy, not the pipe's ACL, decides what each caller may do.
/// </summary>
internal static class ServicePipe
{
    /// <summary>Makes Kestrel listen on named pipes; refuses off Windows, where Kestrel has no named pipe transport.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
    public static void Use(IWebHostBuilder host)
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("named pipes (pipe:NAME, \\\\.\\pipe\\NAME) are served on Windows only; give a Unix socket path here");
        }

        UseOnWindows(host);
    }

    [SupportedOSPlatform("windows")]
    private static void UseOnWindows(IWebHostBuilder host)
    {
        var security = Security();
        host.UseNamedPipes(pipes =>
        {
            // Kestrel's default lets only the service's own account connect.
            pipes.CurrentUserOnly = false;
            pipes.PipeSecurity = security;
        });
    }

    [SupportedOSPlatform("windows")]
    private static PipeSecurity Security()
    {
        var security = new PipeSecurity();
        security.AddAccessRule(new PipeAccessRule(new SecurityIdentifier(WellKnownSidType.AuthenticatedUserSid, null), PipeAccessRights.ReadWrite, AccessControlType.Allow));
        security.AddAccessRule(new PipeAccessRule(new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null), PipeAccessRights.FullControl, AccessControlType.Allow));
        security.AddAccessRule(new PipeAccessRule(new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null), PipeAccessRights.FullControl, AccessControlType.Allow));
        return security;
    }
}
