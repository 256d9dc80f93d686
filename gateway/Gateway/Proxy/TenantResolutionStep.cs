using Microsoft.Extensions.Options;
using Sintestesia.Gateway.Configuration;
using Sintestesia.Gateway.Http;
using Sintestesia.Gateway.Tenants;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Proof;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.Proxy;

/// <summary>
/// The proxy pipeline step that decides, from the current tenant snapshot, which tenant a request belongs to.
/// It drops any tenant headers a client sent, validates the body at the edge, and answers unknown tenants itself,
/// so a bot host only ever sees requests for a resolved, active tenant.
/// </summary>
internal sealed partial class TenantResolutionStep(TenantDirectory directory, IOptions<GatewayOptions> options, ILogger<TenantResolutionStep> logger)
{
    private readonly GatewayOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        foreach (var header in GatewayProof.Headers)
        {
            context.Request.Headers.Remove(header);
        }

        var body = await RequestBody.BufferAsync(context.Request, _options.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await context.WriteErrorAsync(StatusCodes.Status413PayloadTooLarge,
                $"The request body is larger than {_options.MaxBodyBytes / 1024} KiB.");
            return;
        }

        var kind = context.GetReverseProxyFeature().Route.Config.Metadata?.GetValueOrDefault(RouteKinds.MetadataKey);
        var (resolved, status, error) = kind switch
        {
            RouteKinds.Host => ByHost(context),
            RouteKinds.Path => ByPath(context, body),
            RouteKinds.Legacy => ByLegacyBody(context, body),
            _ => (null, StatusCodes.Status404NotFound, "Nothing is served at this path."),
        };

        if (resolved is null)
        {
            Log.NotResolved(logger, context.Request.Method, context.Request.Path, kind, status, error);
            await context.WriteErrorAsync(status, error!);
            return;
        }

        context.SetResolvedTenant(resolved);
        await next();
    }

    private (ResolvedTenant?, int, string?) ByHost(HttpContext context)
    {
        var slug = HostNames.SlugOf(context.Request.Host, _options.BaseDomain);
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
        var snapshot = directory.Current;
        LookupResult lookup;
        if (fields.Slug is { Length: > 0 } slug)
        {
            lookup = TenantLookup.Resolve(snapshot, slug);
        }
        else if (fields.TenantId is { Length: > 0 } id)
        {
            lookup = snapshot.FindById(id) is { } byId ? LookupResult.Hit(byId, ResolvedBy.Id) : LookupResult.Miss($"No active tenant has the ID '{id}'.");
        }
        else if (fields.To is { Length: > 0 } to && snapshot.FindByTwilioNumber(to) is { } byNumber)
        {
            lookup = LookupResult.Hit(byNumber, ResolvedBy.TwilioNumber);
        }
        else if (_options.LegacyTenant is { Length: > 0 } fallback)
        {
            lookup = snapshot.FindById(fallback) is { } t ? LookupResult.Hit(t, ResolvedBy.LegacyDefault)
                : snapshot.FindBySlug(fallback) is { } s ? LookupResult.Hit(s, ResolvedBy.LegacyDefault)
                : LookupResult.Miss($"Gateway:LegacyTenant names '{fallback}', which is not an active tenant.");
        }
        else
        {
            lookup = LookupResult.Miss("POST /webhook could not tell which shop this is for: add \"slug\" or \"tenant_id\" to the body, " +
                "send a Twilio form whose To number is a tenant's from_number, or set Gateway:LegacyTenant (env Gateway__LegacyTenant).");
        }

        return lookup.Found ? (new ResolvedTenant(lookup.Tenant!, lookup.By, upstream), 0, null) : NotFound(lookup.Failure);
    }

    private static (ResolvedTenant?, int, string?) NotFound(string? error) => (null, StatusCodes.Status404NotFound, error);

    private static (ResolvedTenant?, int, string?) BadRequest(string? error) => (null, StatusCodes.Status400BadRequest, error);

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Information, "Refused {Method} {Path} at the edge (route kind {RouteKind}): {Status} {Reason}")]
        public static partial void NotResolved(ILogger logger, string method, string path, string? routeKind, int status, string? reason);
    }
}
