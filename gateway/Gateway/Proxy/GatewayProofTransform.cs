using System.Globalization;
using Microsoft.Extensions.Options;
using Sintestesia.Gateway.Configuration;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Proof;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Sintestesia.Gateway.Proxy;

/// <summary>Sends the resolved tenant to the bot host with the gateway's proof, on the bot host's own path.</summary>
internal sealed class GatewayProofTransform(GatewayProof proof, TimeProvider time, IOptions<GatewayOptions> options) : ITransformProvider
{
    private readonly string _baseDomain = options.Value.BaseDomain;

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddRequestTransform(transform =>
    {
        foreach (var header in GatewayProof.Headers)
        {
            transform.ProxyRequest.Headers.Remove(header);
        }

        if (transform.HttpContext.GetResolvedTenant() is not { } resolved)
        {
            // Unreachable while the resolution step runs first; without headers the bot host refuses it anyway.
            return ValueTask.CompletedTask;
        }

        transform.Path = resolved.UpstreamPath;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var method = transform.HttpContext.Request.Method;
        var headers = transform.ProxyRequest.Headers;
        headers.TryAddWithoutValidation(GatewayProof.TenantIdHeader, resolved.Tenant.Id);
        headers.TryAddWithoutValidation(GatewayProof.ResolvedByHeader, resolved.ByName);
        headers.TryAddWithoutValidation(GatewayProof.TimestampHeader, now.ToString(CultureInfo.InvariantCulture));
        var publicUrl = PublicUrl(transform.HttpContext.Request, resolved);
        headers.TryAddWithoutValidation(GatewayProof.PublicUrlHeader, publicUrl);
        var forwarded = new ForwardedRequest(resolved.Tenant.Id, resolved.ByName, method, resolved.UpstreamPath, publicUrl);
        headers.TryAddWithoutValidation(GatewayProof.ProofHeader, proof.Sign(forwarded, now));
        return ValueTask.CompletedTask;
    });

    /// <summary>
    /// The URL as the client (Twilio) called it: https, the tenant's canonical host when it came by Host,
    /// no port. TLS may end before the gateway, so the scheme the gateway sees is not the one Twilio signed.
    /// </summary>
    private string PublicUrl(HttpRequest request, ResolvedTenant resolved)
    {
        var host = resolved.By == ResolvedBy.Host
            ? $"{resolved.Tenant.Slug}.{_baseDomain}"
            : request.Host.Host.TrimEnd('.').ToLowerInvariant();
        return $"https://{host}{request.PathBase}{request.Path}{request.QueryString}";
    }
}
