using Microsoft.Extensions.Options;
using Sintestesia.Gateway.Api;
using Sintestesia.Gateway.Configuration;
using Sintestesia.Gateway.Http;
using Sintestesia.Gateway.Tenants;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Proof;
using Sintestesia.TenantConfig.Hosting;
using Yarp.ReverseProxy;

namespace Sintestesia.Gateway.Proxy;

/// <summary>
/// The proxy pipeline step that decides, from the current tenant snapshot, which tenant a request belongs to.
/// It drops any tenant headers a client sent, validates the body at the edge, and answers unknown tenants itself,
/// so a bot host only ever sees requests for a resolved, active tenant.
/// </summary>
internal sealed partial class TenantResolutionStep(
    TenantDirectory directory, AdminToken adminToken, IOptions<GatewayOptions> options, IProxyStateLookup proxyState,
    ILogger<TenantResolutionStep> logger)
{
    private readonly GatewayOptions _options = options.Value;

    /// <summary>Finishes without waiting, and without allocating a state machine, when the body has already arrived whole.</summary>
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        foreach (var header in GatewayProof.Headers)
        {
            context.Request.Headers.Remove(header);
        }

        var kind = context.GetReverseProxyFeature().Route.Config.Metadata?.GetValueOrDefault(RouteKinds.MetadataKey);
        ValueTask<byte[]?> reading;
        try
        {
            reading = RequestBody.BufferAsync(context.Request, _options.MaxBodyBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            return RefuseUnreadableAsync(context, kind, e);
        }

        return reading.IsCompletedSuccessfully ? RouteAsync(context, next, kind, reading.Result) : RouteWhenReadAsync(context, next, kind, reading);
    }

    private async Task RouteWhenReadAsync(HttpContext context, RequestDelegate next, string? kind, ValueTask<byte[]?> reading)
    {
        byte[]? body;
        try
        {
            body = await reading;
        }
        catch (BadHttpRequestException e)
        {
            await RefuseUnreadableAsync(context, kind, e);
            return;
        }

        await RouteAsync(context, next, kind, body);
    }

    /// <summary>A sender that hangs up mid-body or trickles it is the sender's problem: one line, not a server error.</summary>
    private Task RefuseUnreadableAsync(HttpContext context, string? kind, BadHttpRequestException e)
    {
        var reason = ErrorResponses.UnreadableRequest(e.StatusCode);
        Log.NotResolved(logger, context.Request.Method, context.Request.Path, kind, e.StatusCode, reason);
        return !context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted
            ? context.WriteErrorAsync(e.StatusCode, reason)
            : Task.CompletedTask;
    }

    private Task RouteAsync(HttpContext context, RequestDelegate next, string? kind, byte[]? body)
    {
        if (body is null)
        {
            return context.WriteErrorAsync(StatusCodes.Status413PayloadTooLarge,
                $"The request body is larger than {_options.MaxBodyBytes / 1024} KiB.");
        }

        if (kind == RouteKinds.Host && MetaApex.IsHandshake(context, _options))
        {
            return MetaApex.AnswerHandshakeAsync(context, _options);
        }

        var (resolved, status, error) = kind switch
        {
            RouteKinds.Host => ByHost(context, body),
            RouteKinds.Path => ByPath(context, body),
            RouteKinds.Legacy => ByLegacyBody(context, body),
            RouteKinds.AdminOutbound => ByAdminTenantId(context),
            _ => (null, StatusCodes.Status404NotFound, "Nothing is served at this path."),
        };

        if (resolved is null)
        {
            Log.NotResolved(logger, context.Request.Method, context.Request.Path, kind, status, error);
            return context.WriteErrorAsync(status, error!);
        }

        context.SetResolvedTenant(resolved);
        var cluster = BotHostProxyConfig.ClusterFor(resolved.Tenant, directory.Current);
        if (cluster != BotHostProxyConfig.DefaultPool && proxyState.TryGetCluster(cluster, out var pool))
        {
            // The shop has a pool of its own: load balancing and health checks then work over that pool's hosts.
            context.ReassignProxyRequest(pool);
        }

        return next(context);
    }

    private (ResolvedTenant?, int, string?) ByHost(HttpContext context, byte[] body)
    {
        var slug = HostNames.SlugOf(context.Request.Host, _options.BaseDomain);
        if (slug is null && MetaApex.IsSharedWebhook(context, _options))
        {
            return ByMetaPhoneNumber(context, body);
        }

        if (slug is null)
        {
            return NotFound($"The host '{context.Request.Host}' is not a shop: use https://{{slug}}.{_options.BaseDomain}.");
        }

        return directory.Current.FindBySlug(slug) is { } tenant
            ? (new ResolvedTenant(tenant, ResolvedBy.Host, context.Request.Path), 0, null)
            : NotFound($"No active shop has the slug '{slug}'.");
    }

    private (ResolvedTenant?, int, string?) ByPath(HttpContext context, byte[] body)
    {
        var segment = context.Request.RouteValues["slug"] as string ?? string.Empty;
        var lookup = TenantLookup.Resolve(directory.Current, segment);
        if (!lookup.Found)
        {
            return NotFound(lookup.Failure);
        }

        var (fields, parseError) = WebhookFields.Parse(context.Request, body);
        if (fields is null || fields.IsForm)
        {
            return BadRequest(parseError ?? "Send the message as JSON: {\"telefono\":\"+56999999999\",\"mensaje\":\"hola\"}.");
        }

        return fields.JsonMessageError() is { } invalid
            ? BadRequest(invalid)
            : (new ResolvedTenant(lookup.Tenant!, lookup.By, BotHostPaths.Json), 0, null);
    }

    private (ResolvedTenant?, int, string?) ByLegacyBody(HttpContext context, byte[] body)
    {
        var (fields, parseError) = WebhookFields.Parse(context.Request, body);
        if (fields is null)
        {
            return BadRequest(parseError);
        }

        if (!fields.IsForm && fields.JsonMessageError() is { } invalid)
        {
            return BadRequest(invalid);
        }

        var upstream = fields.IsForm ? BotHostPaths.Twilio : BotHostPaths.Json;
        var lookup = SenderLookup.Resolve(directory.Current, fields, _options.LegacyTenant);
        return lookup.Found ? (new ResolvedTenant(lookup.Tenant!, lookup.By, upstream), 0, null) : NotFound(lookup.Failure);
    }

    /// <summary>Meta posts every number of an app to one URL: the tenant is the one whose phone_number_id the payload names.</summary>
    private (ResolvedTenant?, int, string?) ByMetaPhoneNumber(HttpContext context, byte[] body)
    {
        var ids = MetaPayload.PhoneNumberIds(body);
        if (ids is null || ids.Count == 0)
        {
            return BadRequest("The body is not a WhatsApp Cloud API notification with entry[].changes[].value.metadata.phone_number_id.");
        }

        var tenants = ids.Select(directory.Current.FindByMetaPhoneNumber).Distinct().ToList();
        if (tenants.Count != 1 || tenants[0] is not { } tenant)
        {
            // Unknown numbers, or numbers of several shops in one delivery: refusing beats handing one shop's messages to another.
            return NotFound($"No single active shop owns phone_number_id {string.Join(", ", ids.Distinct())}.");
        }

        return (new ResolvedTenant(tenant, ResolvedBy.MetaPhoneNumber, BotHostPaths.Meta), 0, null);
    }

    /// <summary>An admin call proxied to a bot host (proactive messages): the admin token, then the tenant by its exact ID.</summary>
    private (ResolvedTenant?, int, string?) ByAdminTenantId(HttpContext context)
    {
        if (adminToken.Refusal(context) is { } refusal)
        {
            return (null, refusal.Status, refusal.Error);
        }

        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        return directory.Current.FindById(id) is { } tenant
            ? (new ResolvedTenant(tenant, ResolvedBy.Id, BotHostPaths.Outbound), 0, null)
            : NotFound($"No active tenant has the ID '{id}'.");
    }

    private static (ResolvedTenant?, int, string?) NotFound(string? error) => (null, StatusCodes.Status404NotFound, error);

    private static (ResolvedTenant?, int, string?) BadRequest(string? error) => (null, StatusCodes.Status400BadRequest, error);

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Information, "Refused {Method} {Path} at the edge (route kind {RouteKind}): {Status} {Reason}")]
        public static partial void NotResolved(ILogger logger, string method, string path, string? routeKind, int status, string? reason);
    }
}
