using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Sintestesia.Gateway.Proxy;

/// <summary>
/// Sends a request again, to another bot host of the same pool, when the one chosen failed before any answer:
/// its connection was refused (stopped, crashed, restarting: nothing reached it), or broke before a response
/// (a stopping bot host closes its idle keep-alive connections while the proxy is reusing one). Without this, a
/// stopped bot host answers 502 to its share of traffic until the passive health check has seen enough failures
/// and the active one agrees. In the rare case of a bot host dying mid-request, a resent Twilio or Meta delivery
/// is stored once by its provider ID; a JSON message may be answered twice, as it would be if its sender retried
/// the 502. A proactive admin message goes to a shopper, so it is resent only when the connection was refused.
/// Timeouts are never retried: the bot host may still be working on it.
/// </summary>
internal static class BotHostRetry
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var proxy = context.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations;
        List<DestinationState>? tried = null;
        while (true)
        {
            await next(context);
            if (proxy.ProxiedDestination is not { } failed || context.Response.HasStarted || !SafeToResend(context))
            {
                return;
            }

            // Allocated only once a request has failed: the usual request pays nothing here.
            tried ??= [];
            tried.Add(failed);
            var remaining = candidates.Where(d => !tried.Contains(d)).ToList();
            if (remaining.Count == 0)
            {
                return;
            }

            // Load balancing narrowed the list to its one choice; it chooses again among the rest.
            proxy.AvailableDestinations = remaining;
            proxy.ProxiedDestination = null;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.StatusCode = StatusCodes.Status200OK;
            if (context.Request.Body.CanSeek)
            {
                context.Request.Body.Position = 0;
            }
        }
    }

    private static bool SafeToResend(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<IForwarderErrorFeature>() is not { Error: ForwarderError.Request, Exception: var error }
            || !(request.Body.CanSeek || request.ContentLength is null or 0))
        {
            return false;
        }

        return error is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
            || context.GetResolvedTenant()?.UpstreamPath != BotHostPaths.Outbound;
    }
}
