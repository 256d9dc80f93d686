using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sintestesia.TenantConfig.Hosting;

/// <summary>The contract's error body: <c>{"status":"error","error":"&lt;human sentence&gt;"}</c>.</summary>
public sealed record ErrorBody([property: JsonPropertyName("status")] string Status, [property: JsonPropertyName("error")] string Error)
{
    public ErrorBody(string error)
        : this("error", error)
    {
    }
}

public static partial class ErrorResponses
{
    /// <summary>What a client is told when no bot host answered (502, 503, 504).</summary>
    public const string NoBotHost = "No bot host could answer right now; please retry shortly.";

    public static Task WriteErrorAsync(this HttpContext context, int status, string error)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(error), context.RequestAborted);
    }

    public static IResult ErrorResult(int status, string error) => TypedResults.Json(new ErrorBody(error), statusCode: status);

    /// <summary>
    /// Unhandled errors become a JSON 500 with no detail; a malformed or oversize request that the server
    /// noticed while reading it keeps its own 4xx status and is one Information line, not an error with a stack:
    /// a sender that hangs up mid-body or trickles it is the sender's problem (a proxy cancelling a forwarded request
    /// whose client went away does exactly that to a bot host).
    /// </summary>
    public static IApplicationBuilder UseJsonExceptionHandler(this IApplicationBuilder app, string sentence) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
            ExceptionHandler = context =>
            {
                if (context.Features.Get<IExceptionHandlerFeature>()?.Error is not BadHttpRequestException bad)
                {
                    return context.WriteErrorAsync(StatusCodes.Status500InternalServerError, sentence);
                }

                var reason = UnreadableRequest(bad.StatusCode);
                Log.Refused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ErrorResponses)),
                    context.Request.Method, context.Request.Path, bad.StatusCode, reason);
                return context.WriteErrorAsync(bad.StatusCode, reason);
            },
        });

    /// <summary>What to tell a client whose request could not be read to its end, by the status the server chose.</summary>
    public static string UnreadableRequest(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => "The request body arrived too slowly.",
        StatusCodes.Status400BadRequest => "The request body ended before the length its Content-Length header announced, or was malformed.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        _ => "The request body could not be read.",
    };

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
                => NoBotHost,
            _ => $"The request failed with status {status}.",
        };
        return http.WriteErrorAsync(status, sentence);
    });

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Refused {Method} {Path}: {Status} {Reason}")]
        public static partial void Refused(ILogger logger, string method, string path, int status, string reason);
    }
}
