using System.IO.Pipes;
using System.Runtime.Versioning;
using System.Security.Principal;

namespace Ebpf.Service.Access;

/// <summary>
/// Who is at the other end of a named pipe on Windows, from the client's token (the pipe lets the server read it while
/// <see cref="NamedPipeServerStream.RunAsClient"/> runs; clients connect at identification level, so the service can
/// look at the token but never act as the caller).
/// </summary>
/// <param name="Name">The account, <c>DOMAIN\user</c>, for the log.</param>
/// <param name="Privileged">LocalSystem, or an elevated member of Administrators (a filtered, non-elevated admin token is not).</param>
/// <param name="InGroup">A member of the configured group (by name, as <see cref="WindowsPrincipal.IsInRole(string)"/> checks it).</param>
internal sealed record PipeCaller(string Name, bool Privileged, bool InGroup)
{
    /// <summary>The caller of <paramref name="pipe"/>, or null when its token cannot be read (an anonymous client).</summary>
    [SupportedOSPlatform("windows")]
    public static PipeCaller? Of(NamedPipeServerStream pipe, string? group)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        PipeCaller? caller = null;
        try
        {
            pipe.RunAsClient(() =>
            {
                using var identity = WindowsIdentity.GetCurrent(TokenAccessLevels.Query);
                var principal = new WindowsPrincipal(identity);
                caller = new PipeCaller(identity.Name, identity.IsSystem || principal.IsInRole(WindowsBuiltInRole.Administrator),
                    group is not null && principal.IsInRole(group));
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // No token to read: the caller gets what others get.
        }

        return caller;
    }
}
