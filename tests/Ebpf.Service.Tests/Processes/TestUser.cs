using System.Diagnostics;

namespace Ebpf.Service.Tests.Processes;

/// <summary>A real unprivileged user for the access tests, made with <c>useradd</c> when the tests run as root.</summary>
internal static class TestUser
{
    public const string Name = "ebpfdtest";
    private static readonly Lazy<(uint Uid, uint Gid)?> Account = new(Create);
    private static string? _unavailable;

    /// <summary>Why the user cannot be had here, or null.</summary>
    public static string? Unavailable
    {
        get
        {
            _ = Account.Value;
            return _unavailable;
        }
    }

    public static (uint Uid, uint Gid) Ids => Account.Value ?? throw new InvalidOperationException(_unavailable);

    private static (uint Uid, uint Gid)? Create()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            _unavailable = "making a second user (useradd) and becoming it (setpriv) needs root on Linux";
            return null;
        }

        if (Testing.ExternalTool.Find("setpriv") is null || Testing.ExternalTool.Find("useradd") is null)
        {
            _unavailable = "setpriv and useradd (util-linux, passwd) are needed";
            return null;
        }

        if (Id("-u") is null)
        {
            using var add = Process.Start("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", Name])!;
            add.WaitForExit();
        }

        if (Id("-u") is not { } uid || Id("-g") is not { } gid)
        {
            _unavailable = $"useradd {Name} failed";
            return null;
        }

        return (uid, gid);
    }

    private static uint? Id(string which)
    {
        var start = new ProcessStartInfo("id", [which, Name]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 && uint.TryParse(text, out var id) ? id : null;
    }
}

/// <summary>A fact skipped, with the reason, where no second user can be made.</summary>
internal sealed class SecondUserFactAttribute : FactAttribute
{
    public SecondUserFactAttribute() => Skip = TestUser.Unavailable;
}
