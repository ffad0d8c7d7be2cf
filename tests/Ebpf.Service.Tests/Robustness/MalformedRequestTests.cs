using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Ebpf.Core.Diagnostics;
using Ebpf.Service.Contracts;

namespace Ebpf.Service.Tests.Robustness;

/// <summary>Bad requests get their stable code and change nothing; broken connections leave the service serving.</summary>
public sealed class MalformedRequestTests
{
    [Theory]
    [InlineData("POST", "/v1/objects", "{\"name\": \"x.o\", \"object\": 12", 400, 7006)]
    [InlineData("POST", "/v1/objects", "not json", 400, 7006)]
    [InlineData("POST", "/v1/maps/1/update", "null", 400, 7006)]
    [InlineData("POST", "/v1/maps/77/update", "{\"key\": \"AQIDBA==\", \"value\": \"AQIDBA==\"}", 404, 7003)]
    [InlineData("DELETE", "/v1/links/5", null, 404, 7003)]
    [InlineData("DELETE", "/v1/pins?path=/sys/fs/bpf/never", null, 404, 7003)]
    [InlineData("GET", "/v2/programs", null, 404, 7008)]
    [InlineData("POST", "/v1/pins", "{\"path\": \"/sys/fs/bpf/x\", \"kind\": \"socket\", \"id\": 1}", 400, 7006)]
    public async Task A_malformed_or_out_of_order_request_gets_its_code_and_changes_nothing(string method, string route, string? body, int status, int code)
    {
        await using var service = await TestService.StartAsync();
        using var client = RawClient.Create(service.SocketPath);
        using var host = service.Connect();
        await host.CreateMapAsync(new CreateMapRequest("m", "hash", 4, 4, 4));

        using var response = await client.SendAsync(RawClient.Request(new HttpMethod(method), route, body is null ? null : new StringContent(body, Encoding.UTF8, "application/json")));

        Assert.Equal(status, (int)response.StatusCode);
        var error = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), ServiceJsonContext.Default.ErrorResponse)!;
        Assert.Equal(code, error.Diagnostics[0].Code);
        Assert.Empty(await host.ProgramsAsync());
        Assert.Empty(await host.DumpAsync((await host.MapsAsync())[0].Id));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_its_code()
    {
        await using var service = await TestService.StartAsync();
        using var client = RawClient.Create(service.SocketPath);
        var huge = new byte[ServiceRoutes.MaxRequestBytes + 1024];

        using var response = await client.SendAsync(RawClient.Request(HttpMethod.Post, ServiceRoutes.Objects, new ByteArrayContent(huge)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("EBPF7007", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_that_leave_mid_request_or_speak_garbage_leave_the_service_serving_and_unchanged()
    {
        await using var service = await TestService.StartAsync();
        using (var garbage = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await garbage.ConnectAsync(new UnixDomainSocketEndPoint(service.SocketPath));
            await garbage.SendAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\x12\x04\0"u8.ToArray());
        }

        using (var http1 = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await http1.ConnectAsync(new UnixDomainSocketEndPoint(service.SocketPath));
            await http1.SendAsync("GET /v1/status HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
        }

        using (var client = RawClient.Create(service.SocketPath))
        using (var leaving = new CancellationTokenSource())
        {
            var content = new HalfBodyContent(File.ReadAllBytes(Objects.CountDrop), leaving);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(RawClient.Request(HttpMethod.Post, ServiceRoutes.Objects, content), leaving.Token));
        }

        using var host = service.Connect();
        Assert.Equal("write", (await host.StatusAsync()).CallerAccess);
        Assert.Empty(await host.ProgramsAsync());
        var loaded = await host.LoadAsync(Objects.Load(Objects.CountDrop));
        Assert.Single(loaded.Programs);
    }

    /// <summary>A body that sends the start of a JSON load request, then gives up, as a client killed mid-upload.</summary>
    private sealed class HalfBodyContent(byte[] objectFile, CancellationTokenSource leave) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(new LoadObjectRequest("half.o", objectFile), ServiceJsonContext.Default.LoadObjectRequest);
            await stream.WriteAsync(json.AsMemory(0, json.Length / 2));
            await stream.FlushAsync();
            await Task.Delay(100);
            await leave.CancelAsync();
            await Task.Delay(Timeout.Infinite, leave.Token);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
