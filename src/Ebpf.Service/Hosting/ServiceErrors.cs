using Ebpf.Core.Diagnostics;
using Ebpf.Service.Contracts;
using Microsoft.AspNetCore.Http;

namespace Ebpf.Service.Hosting;

/// <summary>Refusals as HTTP: a status that says the category and the <see cref="ErrorResponse"/> that says exactly what.</summary>
internal static class ServiceErrors
{
    public static int StatusOf(IEnumerable<Diagnostic> diagnostics) => diagnostics.FirstOrDefault()?.Code switch
    {
        DiagnosticCode.ServicePermissionDenied => StatusCodes.Status403Forbidden,
        DiagnosticCode.ServiceObjectNotFound or DiagnosticCode.ServiceRouteNotFound => StatusCodes.Status404NotFound,
        DiagnosticCode.ServiceRequestMalformed => StatusCodes.Status400BadRequest,
        DiagnosticCode.ServiceRequestTooLarge => StatusCodes.Status413PayloadTooLarge,
        DiagnosticCode.ServicePinRefused or DiagnosticCode.ServiceMapOperationFailed => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static async Task WriteAsync(HttpContext context, IReadOnlyList<Diagnostic> diagnostics)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = StatusOf(diagnostics);
        await context.Response.WriteAsJsonAsync(new ErrorResponse([.. diagnostics.Select(DiagnosticBody.From)]), ServiceJsonContext.Default.ErrorResponse, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    public static DiagnosticException Refuse(DiagnosticCode code, string message) => new([new Diagnostic(code, message, new DiagnosticLocation())]);
}
