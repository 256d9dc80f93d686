using Sintestesia.TenantConfig.Hosting;
using Sintestesia.TenantConfig.Proof;

namespace Sintestesia.BotHost.Security;

/// <summary>The tenant the gateway resolved for this request, after its proof verified.</summary>
public sealed record ForwardedTenant(string TenantId, string ResolvedBy, string PublicUrl);

/// <summary>
/// A bot host never decides tenants: every request but the health probe must carry the gateway's proof,
/// or it is refused with 401 before anything is read or stored.
/// </summary>
internal static partial class GatewayProofCheck
{
    private static readonly object Key = new();

    public static ForwardedTenant? ForwardedTenant(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) ? value as ForwardedTenant : null;

    public static IApplicationBuilder UseGatewayProof(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path == "/healthz")
        {
            await next(context);
            return;
        }

        var proof = context.RequestServices.GetRequiredService<GatewayProof>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var h = context.Request.Headers;
        var forwarded = new ForwardedRequest(h[GatewayProof.TenantIdHeader].ToString(), h[GatewayProof.ResolvedByHeader].ToString(),
            context.Request.Method, context.Request.Path.Value ?? string.Empty, h[GatewayProof.PublicUrlHeader].ToString());
        var check = proof.Verify(forwarded, h[GatewayProof.TimestampHeader], h[GatewayProof.ProofHeader], time.GetUtcNow());
        if (check != ProofCheck.Valid)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayProofCheck));
            Log.Refused(logger, context.Request.Method, context.Request.Path, check, context.Connection.RemoteIpAddress?.ToString());
            await context.WriteErrorAsync(StatusCodes.Status401Unauthorized,
                "This bot host only answers requests forwarded by the Sintestesia gateway.");
            return;
        }

        context.Items[Key] = new ForwardedTenant(forwarded.TenantId, forwarded.ResolvedBy, forwarded.PublicUrl);
        await next(context);
    });

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Refused {Method} {Path}: gateway proof {ProofCheck} (from {RemoteIp})")]
        public static partial void Refused(ILogger logger, string method, string path, ProofCheck proofCheck, string? remoteIp);
    }
}
