using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Sintestesia.TenantConfig.Hosting;

/// <summary>The contract's error body: <c>{"status":"error","error":"&lt;human sentence&gt;"}</c>.</summary>
public sealed record ErrorBody([property: JsonPropertyName("status")] string Status, [property: JsonPropertyName("error")] string Error)
{
    public ErrorBody(string error)
        : this("error", error)
    {
    }
}

public static class ErrorResponses
{
    public static Task WriteErrorAsync(this HttpContext context, int status, string error)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(error), context.RequestAborted);
    }

    public static IResult ErrorResult(int status, string error) => TypedResults.Json(new ErrorBody(error), statusCode: status);

    /// <summary>
    /// Unhandled errors become a JSON 500 with no detail; a malformed or oversize request that the server
    /// noticed while reading it keeps its own 4xx status.
    /// </summary>
    public static IApplicationBuilder UseJsonExceptionHandler(this IApplicationBuilder app, string sentence) =>
        app.UseExceptionHandler(e => e.Run(context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            return error is BadHttpRequestException bad
                ? context.WriteErrorAsync(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is too large." : "The request is malformed.")
                : context.WriteErrorAsync(StatusCodes.Status500InternalServerError, sentence);
        }));

    /// <summary>Gives empty error responses (no route, wrong method, upstream down, bad request) a JSON sentence.</summary>
    public static IApplicationBuilder UseJsonStatusPages(this IApplicationBuilder app) => app.UseStatusCodePages(ctx =>
    {
        var http = ctx.HttpContext;
        var status = http.Response.StatusCode;
        var sentence = status switch
        {
            StatusCodes.Status400BadRequest => "The request is malformed; check its body and Content-Type.",
            StatusCodes.Status404NotFound => "Nothing is served at this path.",
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed here.",
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "This Content-Type is not accepted here.",
            StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout
                => "No bot host could answer right now; please retry shortly.",
            _ => $"The request failed with status {status}.",
        };
        return http.WriteErrorAsync(status, sentence);
    });
}
