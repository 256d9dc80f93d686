using Sintestesia.Gateway.Http;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.Api;

/// <summary>The admin API's endpoint filter: no valid bearer token, no admin call.</summary>
internal sealed class AdminAuthorization(AdminToken token) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        token.Refusal(context.HttpContext) is { } refusal
            ? TypedResults.Json(new ErrorBody(refusal.Error), GatewayJson.Default.ErrorBody, statusCode: refusal.Status)
            : await next(context);
}
