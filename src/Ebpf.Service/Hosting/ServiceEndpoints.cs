using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ebpf.Api.Hosting;
using Ebpf.Core.Diagnostics;
using Ebpf.Service.Contracts;
using Ebpf.Service.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ebpf.Service.Hosting;

/// <summary>The contract's routes, each a call on the host. Bodies are read here (not by model binding) so that bad JSON and oversized bodies become our codes.</summary>
internal static class ServiceEndpoints
{
    private static readonly ServiceJsonContext Json = ServiceJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app, PersistentHost host, Func<HttpContext, ServiceStatus> status, Func<HttpContext, int?> peerProcessId)
    {
        app.MapGet(ServiceRoutes.Status, Handler(c => Answer(c, Json.ServiceStatus, () => Task.FromResult(status(c)))));
        app.MapPost(ServiceRoutes.Objects, async (HttpContext c) =>
            await Answer(c, Json.LoadObjectResponse, async () => await host.LoadAsync(await Body(c, Json.LoadObjectRequest).ConfigureAwait(false), c.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false));

        app.MapGet(ServiceRoutes.Programs, Handler(c => Answer(c, Json.ProgramInfoArray, () => host.ProgramsAsync(c.RequestAborted))));
        app.MapGet(ServiceRoutes.Programs + "/{id}", (HttpContext c, uint id) => Answer(c, Json.ProgramInfo, () => host.ProgramAsync(id, c.RequestAborted)));
        app.MapDelete(ServiceRoutes.Programs + "/{id}", (HttpContext c, uint id) => Done(c, () => host.UnloadProgramAsync(id, c.RequestAborted)));
        app.MapPost(ServiceRoutes.Programs + "/{id}/run", (HttpContext c, uint id) =>
            Answer(c, Json.RunProgramResponse, async () => await host.RunAsync(id, await Body(c, Json.RunProgramRequest).ConfigureAwait(false), c.RequestAborted).ConfigureAwait(false)));
        app.MapGet(ServiceRoutes.Programs + "/{id}/xlated", (HttpContext c, uint id) => Answer(c, Json.XlatedResponse, () => host.XlatedAsync(id, c.RequestAborted)));

        app.MapGet(ServiceRoutes.Maps, Handler(c => Answer(c, Json.MapInfoArray, () => host.MapsAsync(c.RequestAborted))));
        app.MapPost(ServiceRoutes.Maps, (HttpContext c) =>
            Answer(c, Json.MapInfo, async () => await host.CreateMapAsync(await Body(c, Json.CreateMapRequest).ConfigureAwait(false), c.RequestAborted).ConfigureAwait(false)));
        app.MapGet(ServiceRoutes.Maps + "/{id}", (HttpContext c, uint id) => Answer(c, Json.MapInfo, () => host.MapAsync(id, c.RequestAborted)));
        app.MapPost(ServiceRoutes.Maps + "/{id}/lookup", (HttpContext c, uint id) => Answer(c, Json.MapValueResponse, async () =>
            new MapValueResponse(await host.LookupAsync(id, Key(await Body(c, Json.MapKeyRequest).ConfigureAwait(false)), c.RequestAborted).ConfigureAwait(false))));
        app.MapPost(ServiceRoutes.Maps + "/{id}/update", (HttpContext c, uint id) =>
            Done(c, async () => await host.UpdateAsync(id, await Body(c, Json.MapUpdateRequest).ConfigureAwait(false), c.RequestAborted).ConfigureAwait(false)));
        app.MapPost(ServiceRoutes.Maps + "/{id}/delete", (HttpContext c, uint id) =>
            Done(c, async () => await host.DeleteAsync(id, Key(await Body(c, Json.MapKeyRequest).ConfigureAwait(false)), c.RequestAborted).ConfigureAwait(false)));
        app.MapPost(ServiceRoutes.Maps + "/{id}/next", (HttpContext c, uint id) => Answer(c, Json.MapValueResponse, async () =>
            await host.NextKeyAsync(id, (await Body(c, Json.MapKeyRequest).ConfigureAwait(false)).Key, c.RequestAborted).ConfigureAwait(false) is { } next ? new MapValueResponse(next) : null!));
        app.MapGet(ServiceRoutes.Maps + "/{id}/entries", (HttpContext c, uint id) =>
            Answer(c, Json.MapEntriesResponse, async () => new MapEntriesResponse(await host.DumpAsync(id, c.RequestAborted).ConfigureAwait(false))));

        app.MapGet(ServiceRoutes.Pins, Handler(c => Answer(c, Json.PinInfo, () => host.PinnedAsync(PathQuery(c), c.RequestAborted))));
        app.MapPost(ServiceRoutes.Pins, Handler(c => Done(c, async () => await host.PinAsync(await Body(c, Json.PinRequest).ConfigureAwait(false), c.RequestAborted).ConfigureAwait(false))));
        app.MapDelete(ServiceRoutes.Pins, Handler(c => Done(c, () => host.UnpinAsync(PathQuery(c), c.RequestAborted))));

        app.MapGet(ServiceRoutes.Links, Handler(c => Answer(c, Json.LinkInfoArray, () => host.LinksAsync(c.RequestAborted))));
        app.MapPost(ServiceRoutes.Links + "/xdp", (HttpContext c) =>
            Answer(c, Json.LinkInfo, async () => await host.AttachXdpAsync(await Body(c, Json.AttachXdpRequest).ConfigureAwait(false), c.RequestAborted).ConfigureAwait(false)));
        app.MapPost(ServiceRoutes.Links + "/exec", (HttpContext c) => Answer(c, Json.LinkInfo, async () =>
            host.AttachExec(await Body(c, Json.AttachExecRequest).ConfigureAwait(false), peerProcessId(c) ?? throw ServiceErrors.Refuse(DiagnosticCode.ServiceExecLinkNeedsUnixPeer,
                "an exec link takes the command's seccomp listener from the calling process, which only a Unix socket's peer credentials name"))));
        app.MapDelete(ServiceRoutes.Links + "/{id}", (HttpContext c, uint id) => Done(c, () => host.DetachAsync(id, c.RequestAborted)));

        app.MapFallback((HttpContext c) => ServiceErrors.WriteAsync(c,
            [new Diagnostic(DiagnosticCode.ServiceRouteNotFound, $"no route {c.Request.Method} {c.Request.Path} in contract {ServiceRoutes.Prefix}", new DiagnosticLocation())]));
    }

    /// <summary>A handler of the context alone, as a <see cref="RequestDelegate"/>: it writes its own response.</summary>
    private static RequestDelegate Handler(Func<HttpContext, Task> handler) => new(handler);

    private static byte[] Key(MapKeyRequest request) =>
        request.Key ?? throw ServiceErrors.Refuse(DiagnosticCode.ServiceRequestMalformed, "the request has no key");

    private static string PathQuery(HttpContext context) =>
        context.Request.Query["path"].FirstOrDefault() is { Length: > 0 } path ? path : throw ServiceErrors.Refuse(DiagnosticCode.ServiceRequestMalformed, "the request has no ?path=");

    /// <summary>Reads a JSON body, refusing bad JSON, a missing body and a body past the size limit with their codes.</summary>
    private static async Task<T> Body<T>(HttpContext context, JsonTypeInfo<T> type)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted).ConfigureAwait(false)
                ?? throw ServiceErrors.Refuse(DiagnosticCode.ServiceRequestMalformed, "the request body is null");
        }
        catch (JsonException ex)
        {
            throw ServiceErrors.Refuse(DiagnosticCode.ServiceRequestMalformed, $"the request body is not a {typeof(T).Name}: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw ServiceErrors.Refuse(DiagnosticCode.ServiceRequestTooLarge, $"the request body is larger than {ServiceRoutes.MaxRequestBytes} bytes");
        }
    }

    private static async Task Answer<T>(HttpContext context, JsonTypeInfo<T> type, Func<Task<T>> body)
        where T : class
    {
        var result = await Guarded<T>(context, async () => await body().ConfigureAwait(false)).ConfigureAwait(false);
        if (result.Refused)
        {
            return;
        }

        if (result.Value is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await context.Response.WriteAsJsonAsync(result.Value, type, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task Done(HttpContext context, Func<Task> body)
    {
        var result = await Guarded<object>(context, async () =>
        {
            await body().ConfigureAwait(false);
            return null;
        }).ConfigureAwait(false);
        if (!result.Refused)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    /// <summary>Runs a request, turning diagnostics into the error body; anything else is a bug and goes to the log as a 500.</summary>
    private static async Task<(bool Refused, T? Value)> Guarded<T>(HttpContext context, Func<Task<T?>> body)
    {
        try
        {
            return (false, await body().ConfigureAwait(false));
        }
        catch (DiagnosticException refused)
        {
            await ServiceErrors.WriteAsync(context, refused.Diagnostics).ConfigureAwait(false);
            return (true, default);
        }
        catch (ArgumentException ex)
        {
            // The runtime's own argument checks (a pin path, a map definition) are input errors here, not bugs.
            await ServiceErrors.WriteAsync(context, [new Diagnostic(DiagnosticCode.ServiceRequestMalformed, ex.Message, new DiagnosticLocation())]).ConfigureAwait(false);
            return (true, default);
        }
    }
}
