using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.Listeners;

/// <summary>
/// The public listener serves only what the internet may reach (webhooks by Host, ACME challenges, liveness);
/// the internal API is answered on the internal listener alone.
/// </summary>
internal static class ListenerPolicy
{
    public static IApplicationBuilder UseListenerPolicy(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Listener() == ListenerKind.Public && !IsPublicPath(context.Request.Path))
        {
            return context.WriteErrorAsync(StatusCodes.Status404NotFound,
                "This address serves only https://{slug}.<base domain>/bot/… webhooks.");
        }

        return next(context);
    });

    private static bool IsPublicPath(PathString path) =>
        path.StartsWithSegments("/bot") || path.StartsWithSegments("/.well-known/acme-challenge") || path == "/healthz";
}
