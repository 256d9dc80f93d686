using Microsoft.Extensions.Options;
using Sintestesia.Certs;
using Sintestesia.Gateway.Configuration;
using Sintestesia.Gateway.Tenants;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.Listeners;

/// <summary>
/// The public listeners serve only what the internet may reach (webhooks by Host, ACME challenges, liveness); the
/// internal API is answered on the internal listener alone. When this gateway terminates HTTPS outside Development,
/// plain HTTP answers ACME HTTP-01 challenges and redirects everything else (308) to HTTPS.
/// </summary>
internal static class ListenerPolicy
{
    public static IApplicationBuilder UseListenerPolicy(this IApplicationBuilder app)
    {
        var environment = app.ApplicationServices.GetRequiredService<IWebHostEnvironment>();
        var options = app.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var certificates = app.ApplicationServices.GetService<CertificateManager>();
        var redirectToHttps = !string.IsNullOrWhiteSpace(options.HttpsUrl) && !environment.IsDevelopment();

        return app.Use((context, next) =>
        {
            if (context.Listener() != ListenerKind.Public)
            {
                return next(context);
            }

            var path = context.Request.Path;
            if (path.StartsWithSegments(Http01Responder.PathPrefix.TrimEnd('/'), out var rest))
            {
                return AnswerChallengeAsync(context, certificates, rest);
            }

            if (redirectToHttps && !context.Request.IsHttps && path != "/healthz")
            {
                return RedirectToHttpsAsync(context, options);
            }

            return IsPublicPath(path)
                ? next(context)
                : context.WriteErrorAsync(StatusCodes.Status404NotFound, "This address serves only https://{slug}.<base domain>/bot/… webhooks.");
        });
    }

    private static bool IsPublicPath(PathString path) => path.StartsWithSegments("/bot") || path == "/healthz";

    private static async Task AnswerChallengeAsync(HttpContext context, CertificateManager? certificates, PathString rest)
    {
        var token = rest.Value?.TrimStart('/');
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await context.WriteErrorAsync(StatusCodes.Status405MethodNotAllowed, "ACME challenges are answered to GET only.");
            return;
        }

        // Another gateway may have presented it: the responder looks well-formed tokens up in the shared store.
        if (certificates is null || await certificates.Http01.FindAsync(token, context.RequestAborted) is not { } keyAuthorization)
        {
            await context.WriteErrorAsync(StatusCodes.Status404NotFound, "No ACME challenge is pending for this token.");
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        await context.Response.WriteAsync(keyAuthorization);
    }

    private static Task RedirectToHttpsAsync(HttpContext context, GatewayOptions options)
    {
        // Only our own names are redirected: reflecting any Host would make this an open redirect.
        var host = context.Request.Host.Host.TrimEnd('.').ToLowerInvariant();
        if (host != options.BaseDomain && HostNames.SlugOf(context.Request.Host, options.BaseDomain) is null)
        {
            return context.WriteErrorAsync(StatusCodes.Status404NotFound,
                $"This address serves only https://{{slug}}.{options.BaseDomain}/bot/… webhooks.");
        }

        var authority = options.HttpsRedirectPort == 443 ? host : $"{host}:{options.HttpsRedirectPort}";
        var location = $"https://{authority}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
