using System.Security.Cryptography;
using System.Text;

namespace Sintestesia.Gateway.Api;

/// <summary>
/// The admin bearer token (<c>Admin:Token</c> or <c>SINTESTESIA_ADMIN_TOKEN</c>), checked in constant time. Without a
/// configured token the admin API is closed (503), never open. Used by admin endpoints and proxied admin routes alike.
/// </summary>
internal sealed class AdminToken(IConfiguration configuration)
{
    private readonly byte[]? _tokenHash = (configuration["Admin:Token"] ?? configuration["SINTESTESIA_ADMIN_TOKEN"]) is { Length: > 0 } token
        ? SHA256.HashData(Encoding.UTF8.GetBytes(token))
        : null;

    /// <summary>Null when the request carries the token; otherwise the status and sentence to answer with.</summary>
    public (int Status, string Error)? Refusal(HttpContext context)
    {
        if (_tokenHash is null)
        {
            return (StatusCodes.Status503ServiceUnavailable, "The admin API is disabled: set Admin:Token (env SINTESTESIA_ADMIN_TOKEN) and restart the gateway.");
        }

        var header = context.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : string.Empty;
        // Compare hashes so the comparison takes the same time whatever the length of the guess.
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _tokenHash))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return (StatusCodes.Status401Unauthorized, "A valid admin token is required: send Authorization: Bearer <token>.");
        }

        return null;
    }
}
