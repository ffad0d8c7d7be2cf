using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ebpf.Core.Diagnostics;
using Ebpf.Service.Contracts;

namespace Ebpf.Api.Hosting;

/// <summary>
/// The service <c>ebpfd</c> as a host: every call is one HTTP/2 request on its Unix socket. Refusals come back as
/// the service's diagnostics; a socket nobody listens on is <see cref="DiagnosticCode.ServiceUnavailable"/>, with how to start it.
/// </summary>
public sealed class ServiceBpfHost : IBpfHost
{
    private static readonly ServiceJsonContext Json = ServiceJsonContext.Default;
    private readonly HttpClient _client;

    /// <summary>A host behind the socket at <paramref name="socketPath"/>; nothing is sent until the first call.</summary>
    public ServiceBpfHost(string socketPath)
    {
        SocketPath = socketPath;
        _client = ServiceConnection.Create(socketPath);
    }

    /// <summary>The socket.</summary>
    public string SocketPath { get; }

    /// <inheritdoc />
    public Task<ServiceStatus> StatusAsync(CancellationToken cancellationToken = default) => Get(ServiceRoutes.Status, Json.ServiceStatus, cancellationToken);

    /// <inheritdoc />
    public Task<LoadObjectResponse> LoadAsync(LoadObjectRequest request, CancellationToken cancellationToken = default) =>
        Send(HttpMethod.Post, ServiceRoutes.Objects, request, Json.LoadObjectRequest, Json.LoadObjectResponse, cancellationToken);

    /// <inheritdoc />
    public Task<ProgramInfo[]> ProgramsAsync(CancellationToken cancellationToken = default) => Get(ServiceRoutes.Programs, Json.ProgramInfoArray, cancellationToken);

    /// <inheritdoc />
    public Task<ProgramInfo> ProgramAsync(uint id, CancellationToken cancellationToken = default) => Get(Program(id), Json.ProgramInfo, cancellationToken);

    /// <inheritdoc />
    public Task UnloadProgramAsync(uint id, CancellationToken cancellationToken = default) => Delete(Program(id), cancellationToken);

    /// <inheritdoc />
    public Task<RunProgramResponse> RunAsync(uint id, RunProgramRequest request, CancellationToken cancellationToken = default) =>
        Send(HttpMethod.Post, Program(id) + "/run", request, Json.RunProgramRequest, Json.RunProgramResponse, cancellationToken);

    /// <inheritdoc />
    public Task<XlatedResponse> XlatedAsync(uint id, CancellationToken cancellationToken = default) => Get(Program(id) + "/xlated", Json.XlatedResponse, cancellationToken);

    /// <inheritdoc />
    public Task<MapInfo[]> MapsAsync(CancellationToken cancellationToken = default) => Get(ServiceRoutes.Maps, Json.MapInfoArray, cancellationToken);

    /// <inheritdoc />
    public Task<MapInfo> MapAsync(uint id, CancellationToken cancellationToken = default) => Get(Map(id), Json.MapInfo, cancellationToken);

    /// <inheritdoc />
    public Task<MapInfo> CreateMapAsync(CreateMapRequest request, CancellationToken cancellationToken = default) =>
        Send(HttpMethod.Post, ServiceRoutes.Maps, request, Json.CreateMapRequest, Json.MapInfo, cancellationToken);

    /// <inheritdoc />
    public async Task<byte[]> LookupAsync(uint id, byte[] key, CancellationToken cancellationToken = default) =>
        (await Send(HttpMethod.Post, Map(id) + "/lookup", new MapKeyRequest(key), Json.MapKeyRequest, Json.MapValueResponse, cancellationToken).ConfigureAwait(false)).Value;

    /// <inheritdoc />
    public Task UpdateAsync(uint id, MapUpdateRequest request, CancellationToken cancellationToken = default) =>
        Send<MapUpdateRequest, object>(HttpMethod.Post, Map(id) + "/update", request, Json.MapUpdateRequest, null, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(uint id, byte[] key, CancellationToken cancellationToken = default) =>
        Send<MapKeyRequest, object>(HttpMethod.Post, Map(id) + "/delete", new MapKeyRequest(key), Json.MapKeyRequest, null, cancellationToken);

    /// <inheritdoc />
    public async Task<byte[]?> NextKeyAsync(uint id, byte[]? key, CancellationToken cancellationToken = default) =>
        (await Send(HttpMethod.Post, Map(id) + "/next", new MapKeyRequest(key), Json.MapKeyRequest, Json.MapValueResponse, cancellationToken).ConfigureAwait(false))?.Value;

    /// <inheritdoc />
    public async Task<MapEntry[]> DumpAsync(uint id, CancellationToken cancellationToken = default) =>
        (await Get(Map(id) + "/entries", Json.MapEntriesResponse, cancellationToken).ConfigureAwait(false)).Entries;

    /// <inheritdoc />
    public Task PinAsync(PinRequest request, CancellationToken cancellationToken = default) =>
        Send<PinRequest, object>(HttpMethod.Post, ServiceRoutes.Pins, request, Json.PinRequest, null, cancellationToken);

    /// <inheritdoc />
    public Task UnpinAsync(string path, CancellationToken cancellationToken = default) => Delete(PinQuery(path), cancellationToken);

    /// <inheritdoc />
    public Task<PinInfo> PinnedAsync(string path, CancellationToken cancellationToken = default) => Get(PinQuery(path), Json.PinInfo, cancellationToken);

    /// <inheritdoc />
    public Task<LinkInfo[]> LinksAsync(CancellationToken cancellationToken = default) => Get(ServiceRoutes.Links, Json.LinkInfoArray, cancellationToken);

    /// <inheritdoc />
    public Task<LinkInfo> AttachXdpAsync(AttachXdpRequest request, CancellationToken cancellationToken = default) =>
        Send(HttpMethod.Post, ServiceRoutes.Links + "/xdp", request, Json.AttachXdpRequest, Json.LinkInfo, cancellationToken);

    /// <inheritdoc />
    public Task<LinkInfo> AttachExecAsync(AttachExecRequest request, CancellationToken cancellationToken = default) =>
        Send(HttpMethod.Post, ServiceRoutes.Links + "/exec", request, Json.AttachExecRequest, Json.LinkInfo, cancellationToken);

    /// <inheritdoc />
    public Task DetachAsync(uint id, CancellationToken cancellationToken = default) =>
        Delete(ServiceRoutes.Links + "/" + id.ToString(CultureInfo.InvariantCulture), cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static string Program(uint id) => ServiceRoutes.Programs + "/" + id.ToString(CultureInfo.InvariantCulture);

    private static string Map(uint id) => ServiceRoutes.Maps + "/" + id.ToString(CultureInfo.InvariantCulture);

    private static string PinQuery(string path) => ServiceRoutes.Pins + "?path=" + Uri.EscapeDataString(path ?? "");

    private Task<T> Get<T>(string route, JsonTypeInfo<T> response, CancellationToken cancellationToken) =>
        Send<object, T>(HttpMethod.Get, route, null, null, response, cancellationToken)!;

    private Task Delete(string route, CancellationToken cancellationToken) =>
        Send<object, object>(HttpMethod.Delete, route, null, null, null, cancellationToken);

    private async Task<TResponse> Send<TRequest, TResponse>(HttpMethod method, string route, TRequest? body, JsonTypeInfo<TRequest>? request, JsonTypeInfo<TResponse>? response, CancellationToken cancellationToken)
    {
        // A message made here does not take the client's default version: h2c with prior knowledge must be asked for on each.
        using var message = new HttpRequestMessage(method, route) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (body is not null && request is not null)
        {
            message.Content = JsonContent.Create(body, request);
        }

        HttpResponseMessage answer;
        try
        {
            answer = await _client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException || ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw Unavailable(ex);
        }

        using (answer)
        {
            if (!answer.IsSuccessStatusCode)
            {
                throw await Refusal(answer, cancellationToken).ConfigureAwait(false);
            }

            if (response is null || answer.StatusCode == HttpStatusCode.NoContent)
            {
                return default!;
            }

            try
            {
                return await answer.Content.ReadFromJsonAsync(response, cancellationToken).ConfigureAwait(false)
                    ?? throw Protocol($"{method} {route} answered null");
            }
            catch (JsonException ex)
            {
                throw Protocol($"{method} {route} answered something that is not the contract: {ex.Message}");
            }
        }
    }

    private DiagnosticException Unavailable(Exception cause) => new([new Diagnostic(DiagnosticCode.ServiceUnavailable,
        $"no eBPF service answers at {SocketPath} ({cause.InnerException?.Message ?? cause.Message}); start it with 'ebpfd --socket {SocketPath}' "
        + "or 'systemctl start ebpfd', or name another socket with --socket or EBPF_SOCKET", new DiagnosticLocation())]);

    private static DiagnosticException Protocol(string message) => new([new Diagnostic(DiagnosticCode.ServiceProtocolError, message, new DiagnosticLocation())]);

    private static async Task<DiagnosticException> Refusal(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        try
        {
            var error = await answer.Content.ReadFromJsonAsync(Json.ErrorResponse, cancellationToken).ConfigureAwait(false);
            if (error?.Diagnostics is { Length: > 0 } diagnostics)
            {
                return new DiagnosticException([.. diagnostics.Select(d => d.ToDiagnostic())]);
            }
        }
        catch (JsonException)
        {
            // Not our error body: say what status came back instead.
        }

        return Protocol($"the service answered {(int)answer.StatusCode} {answer.ReasonPhrase} without diagnostics");
    }
}
