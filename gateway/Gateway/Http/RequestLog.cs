using System.Diagnostics;
using Sintestesia.Gateway.Listeners;
using Sintestesia.Gateway.Proxy;

namespace Sintestesia.Gateway.Http;

/// <summary>
/// One line per request: what was asked, how it ended, for which tenant, resolved how, on which listener; Error for a
/// 5xx, Information otherwise. Written through this gateway's own logger (Serilog's request-logging middleware writes
/// through the process-wide static logger), and at no cost beyond a timestamp when the level is off.
/// </summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception e) when (Write(context, StatusCodes.Status500InternalServerError, started, e))
        {
            throw;
        }

        Write(context, context.Response.StatusCode, started, null);
    }

    // False always: called from an exception filter, it logs without catching.
    private bool Write(HttpContext context, int status, long started, Exception? error)
    {
        var level = status >= StatusCodes.Status500InternalServerError ? LogLevel.Error : LogLevel.Information;
        if (!logger.IsEnabled(level))
        {
            return false;
        }

        var request = context.Request;
        var resolved = context.GetResolvedTenant();
        Write(logger, level, error, request.Method, request.Host.Value ?? string.Empty, request.Path.Value ?? string.Empty, status,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds, resolved?.Tenant.Id ?? "-", resolved?.ByName ?? "-",
            context.Listener()?.ToString() ?? "-");
        return false;
    }

    /// <summary>The line itself, also written by the fast path (<see cref="FastPath.FastLane"/>) for the requests it forwards.</summary>
    public static void Write(ILogger logger, LogLevel level, Exception? error, string method, string host, string path, int status,
        double elapsedMilliseconds, string tenantId, string resolvedBy, string listener) =>
#pragma warning disable CA1873 // Callers check the level first; the analyzer does not follow a level held in a variable.
        Log.Request(logger, level, error, method, host, path, status, elapsedMilliseconds, tenantId, resolvedBy, listener);
#pragma warning restore CA1873

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Message = "{RequestMethod} {Host}{RequestPath} → {StatusCode} in {Elapsed:0.0} ms · tenant {TenantId} by {ResolvedBy} on {Listener}")]
        public static partial void Request(ILogger logger, LogLevel level, Exception? error, string requestMethod, string host, string requestPath,
            int statusCode, double elapsed, string tenantId, string resolvedBy, string listener);
    }
}
