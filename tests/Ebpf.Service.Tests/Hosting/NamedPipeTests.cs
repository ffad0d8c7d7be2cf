using Ebpf.Api.Hosting;
using Ebpf.Service.Access;
using Ebpf.Service.Contracts;
using Ebpf.Service.Hosting;

namespace Ebpf.Service.Tests.Hosting;

/// <summary>
/// The Windows transport: the socket option's forms, the client's pipe connection (on Linux .NET's named pipe client
/// connects to the Unix socket <c>/tmp/CoreFxPipe_NAME</c>, so the client path is tested here), and the service
/// on a real named pipe, which only Windows can serve.
/// </summary>
public sealed class NamedPipeTests
{
    [Theory]
    [InlineData("/run/ebpfd/ebpfd.sock", "/run/ebpfd/ebpfd.sock", false)]
    [InlineData("relative.sock", "relative.sock", false)]
    [InlineData("pipe:ebpfd", "ebpfd", true)]
    [InlineData("PIPE:ebpfd-test", "ebpfd-test", true)]
    [InlineData(@"\\.\pipe\ebpfd", "ebpfd", true)]
    [InlineData(@"\\.\PIPE\Global\ebpfd", @"Global\ebpfd", true)]
    public void The_socket_option_names_a_unix_socket_or_a_local_pipe(string text, string value, bool pipe)
    {
        Assert.True(ServiceAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(new ServiceAddress(value, pipe), address);
        Assert.Equal(pipe ? @"\\.\pipe\" + value : value, address.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("pipe:", "names no pipe")]
    [InlineData(@"\\.\pipe\", "names no pipe")]
    [InlineData(@"\\server\pipe\ebpfd", "not a local pipe")]
    public void Empty_nameless_and_remote_pipes_are_refused_with_the_reason(string text, string reason)
    {
        Assert.False(ServiceAddress.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ServiceAddress.Parse(text));
    }

    [Fact]
    public void A_pipe_name_longer_than_windows_allows_is_refused() =>
        Assert.False(ServiceAddress.TryParse("pipe:" + new string('p', ServiceAddress.MaxPipeNameLength + 1), out _, out _));

    [UnixFact]
    public async Task The_client_reaches_a_service_by_pipe_name_through_the_named_pipe_client()
    {
        // .NET's NamedPipeClientStream on Unix connects to /tmp/CoreFxPipe_NAME: a service listening there is the pipe.
        var name = "ebpfd-test-" + Guid.NewGuid().ToString("N")[..12];
        await using var service = await TestService.StartAsync(options => options with { SocketPath = Path.Combine(Path.GetTempPath(), "CoreFxPipe_" + name) });
        using var host = BpfHost.Connect(new BpfHostOptions(BpfHostMode.Service, "pipe:" + name));
        var status = await host.StatusAsync();
        Assert.Equal(Environment.ProcessId, status.ProcessId);
    }

    [UnixFact]
    public async Task Off_windows_the_service_refuses_to_listen_on_a_pipe()
    {
        var failure = await Assert.ThrowsAsync<PlatformNotSupportedException>(() => ServiceApp.StartAsync(new ServiceOptions("pipe:ebpfd-test", null)));
        Assert.Contains("Windows only", failure.Message, StringComparison.Ordinal);
    }

    [WindowsFact]
    public async Task On_windows_the_service_answers_on_a_named_pipe_and_the_caller_is_identified()
    {
        var name = "ebpfd-test-" + Guid.NewGuid().ToString("N")[..12];
        await using var app = await ServiceApp.StartAsync(new ServiceOptions(@"\\.\pipe\" + name, null) { Others = PeerAccess.Read });
        using var host = BpfHost.Connect(new BpfHostOptions(BpfHostMode.Service, "pipe:" + name));
        var status = await host.StatusAsync();
        Assert.Equal(Environment.ProcessId, status.ProcessId);
        Assert.Contains(status.CallerAccess, new[] { "read", "write" });
        Assert.Empty(await host.ProgramsAsync());
    }
}

/// <summary>A fact that runs on Windows only, skipped elsewhere with the reason.</summary>
internal sealed class WindowsFactAttribute : FactAttribute
{
    public WindowsFactAttribute() =>
        Skip = OperatingSystem.IsWindows() ? null : "Kestrel serves named pipes on Windows only; the Windows transport is untested on this machine";
}

/// <summary>A fact about what Unix does with pipe addresses, skipped on Windows (where the pipe transport test covers them).</summary>
internal sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute() => Skip = OperatingSystem.IsWindows() ? "on Windows the named pipe transport test covers this" : null;
}
