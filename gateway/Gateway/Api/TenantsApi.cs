using Microsoft.Extensions.Options;
using Sintestesia.Gateway.Configuration;
using Sintestesia.Gateway.Tenants;

namespace Sintestesia.Gateway.Api;

/// <summary><c>GET /tenants</c>: every tenant of the current snapshot, in the seed's shape.</summary>
internal static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tenants", (TenantDirectory directory, IOptions<GatewayOptions> options) =>
        {
            var o = options.Value;
            var baseUrl = o.ResolveInternalBaseUrl();
            var tenants = directory.Current.All.Select(t => TenantJson.From(t, baseUrl, o.BaseDomain)).ToList();
            return TypedResults.Ok(new TenantsResponse("success", tenants.Count, tenants));
        });
        return app;
    }
}
