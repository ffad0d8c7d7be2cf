using System.Diagnostics;
using Ebpf.Api.Hosting;
using Ebpf.Hooks.Sockets;
using Ebpf.Service.Contracts;
using Ebpf.Service.Tests.Hosting;
using static Ebpf.Service.Tests.Exec.ExecLinkFixture;

namespace Ebpf.Service.Tests.Exec;

/// <summary>Exec links through <see cref="IBpfHost"/>, in-process and through the service: attach, list, detach, and what the command sees when its supervisor goes.</summary>
public sealed class ExecLinkHostTests
{
    [ExecLinkTheory]
    [MemberData(nameof(HostKind.All), MemberType = typeof(HostKind))]
    public async Task An_exec_link_refuses_with_the_host_s_maps_and_once_detached_lets_calls_through_unchanged(string kind)
    {
        await using var lease = await HostKind.OpenAsync(kind);
        var host = lease.Host;
        var loaded = await host.LoadAsync(Objects.Load(Policy));
        var bind4 = loaded.Programs.Single(p => p.Name == "bind4").Id;
        var denied = FreePort();
        await host.UpdateAsync(loaded.Maps.Single(m => m.Name == "denied_ports").Id, new MapUpdateRequest(Objects.U32((uint)denied), Objects.U32(1)));
        var folder = TestService.NewFolder();
        try
        {
            using var launch = Launch(folder, denied, denied);
            var (link, output) = await Run(host, launch, bind4);

            WaitFor(() => output.After("step 0 ") is not null, "the first bind");
            Assert.Equal("errno 1", output.After("step 0 "));
            var listed = Assert.Single(await host.LinksAsync());
            Assert.Equal((link.Id, LocalBpfHost.ExecLinkType, launch.Process.Id, 1L), (listed.Id, listed.Type, listed.ProcessId, listed.Calls!.Denied));

            await host.DetachAsync(link.Id);
            Assert.Empty(await host.LinksAsync());
            File.WriteAllText(Path.Combine(folder, "step1"), "");
            WaitFor(() => output.After("step 1 ") is not null, "the bind after the detach");
            Assert.Equal("port " + denied, output.After("step 1 "));

            File.WriteAllText(Path.Combine(folder, "end"), "");
            Assert.True(launch.Process.WaitForExit(TimeSpan.FromMinutes(1)));
        }
        finally
        {
            TestService.DeleteFolder(folder);
        }
    }

    [ExecLinkFact]
    public async Task A_host_that_stops_leaves_its_command_s_later_calls_failing_with_ENOSYS_not_waiting()
    {
        var host = new LocalBpfHost();
        var loaded = await host.LoadAsync(Objects.Load(Policy));
        var bind4 = loaded.Programs.Single(p => p.Name == "bind4").Id;
        var folder = TestService.NewFolder();
        try
        {
            var port = FreePort();
            using var launch = Launch(folder, port, port);
            var (_, output) = await Run(host, launch, bind4);
            WaitFor(() => output.After("step 0 ") is not null, "the first bind");
            Assert.Equal("port " + port, output.After("step 0 "));

            host.Dispose();
            File.WriteAllText(Path.Combine(folder, "step1"), "");
            WaitFor(() => output.After("step 1 ") is not null, "the bind after the host stopped");
            Assert.Equal("errno 38", output.After("step 1 ")); // ENOSYS: the kernel's answer once the listener is closed

            File.WriteAllText(Path.Combine(folder, "end"), "");
            Assert.True(launch.Process.WaitForExit(TimeSpan.FromMinutes(1)));
        }
        finally
        {
            host.Dispose();
            TestService.DeleteFolder(folder);
        }
    }

    [ExecLinkTheory]
    [MemberData(nameof(HostKind.All), MemberType = typeof(HostKind))]
    public async Task An_exec_link_of_a_program_that_is_not_a_bind_program_is_refused_and_the_command_never_runs(string kind)
    {
        await using var lease = await HostKind.OpenAsync(kind);
        var loaded = await lease.Host.LoadAsync(Objects.Load(Policy));
        var connect4 = loaded.Programs.Single(p => p.Name == "connect4").Id;
        var folder = TestService.NewFolder();
        try
        {
            var ran = Path.Combine(folder, "ran");
            using var launch = SupervisedLaunch.Start([Python!, "-c", "import sys; open(sys.argv[1], 'w')", ran], Launcher, redirectOutput: true, TimeSpan.FromSeconds(30));
            var refused = await Assert.ThrowsAsync<Core.Diagnostics.DiagnosticException>(() =>
                lease.Host.AttachExecAsync(new AttachExecRequest([connect4], [], launch.Listener, launch.Process.Id)));

            Assert.Equal(Core.Diagnostics.DiagnosticCode.NotASocketAddressProgram, refused.Diagnostics[0].Code);
            Assert.Empty(await lease.Host.LinksAsync());
            launch.Dispose(); // unreleased: the launcher leaves without executing python
            Assert.False(File.Exists(ran), "the command ran although the attach was refused");
        }
        finally
        {
            TestService.DeleteFolder(folder);
        }
    }

    private static SupervisedLaunch Launch(string folder, params int[] ports) =>
        SupervisedLaunch.Start([Python!, "-c", Binder, folder, .. ports.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            Launcher, redirectOutput: true, TimeSpan.FromSeconds(30));

    /// <summary>Attaches the launch's listener with <paramref name="bind4"/>, lets the command run, and collects its output.</summary>
    private static async Task<(LinkInfo Link, Lines Output)> Run(IBpfHost host, SupervisedLaunch launch, uint bind4)
    {
        var link = await host.AttachExecAsync(new AttachExecRequest([bind4], [], launch.Listener, launch.Process.Id));
        launch.CloseListener();
        launch.Release();
        return (link, Collect(launch.Process));
    }

    /// <summary>The output of a process started with its output redirected, collected as it comes.</summary>
    private static Lines Collect(Process process)
    {
        var lines = new Lines();
        process.OutputDataReceived += (_, e) => lines.Add(e.Data);
        process.ErrorDataReceived += (_, e) => lines.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return lines;
    }
}
