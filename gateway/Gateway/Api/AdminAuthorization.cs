using System.Security.Cryptography;
using System.Text;
using Sintestesia.Gateway.Http;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.Api;

/// <summary>
/// Bearer-token check for the admin API. Without a configured token the API is closed (503), never open.
/// </summary>
internal sealed class AdminAuthorization(IConfiguration configuration) : IEndpointFilter
{
    private readonly byte[]? _tokenHash = (configuration["Admin:Token"] ?? configuration["SINTESTESIA_ADMIN_TOKEN"]) is { Length: > 0 } token
        ? SHA256.HashData(Encoding.UTF8.GetBytes(token))
        : null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_tokenHash is null)
        {
            return TypedResults.Json(new ErrorBody("The admin API is disabled: set Admin:Token (env SINTESTESIA_ADMIN_TOKEN) and restart the gateway."),
                GatewayJson.Default.ErrorBody, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : string.Empty;
        // Compare hashes so the comparison takes the same time whatever the length of the guess.
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _tokenHash))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Json(new ErrorBody("A valid admin token is required: send Authorization: Bearer <token>."),
                GatewayJson.Default.ErrorBody, statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }
}
