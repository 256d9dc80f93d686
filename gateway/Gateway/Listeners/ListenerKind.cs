using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Sintestesia.Gateway.Listeners;

public enum ListenerKind
{
    Public,
    Internal,
}

/// <summary>Set on every connection, so a request knows which listener accepted it whatever its Host header says.</summary>
public sealed record ListenerFeature(ListenerKind Kind);

internal static class KestrelListeners
{
    public static void Listen(this KestrelServerOptions kestrel, string url, ListenerKind kind, Action<ListenOptions>? more = null)
    {
        var uri = new Uri(url);
        void Configure(ListenOptions listen)
        {
            listen.Use(next => connection =>
            {
                connection.Features.Set(new ListenerFeature(kind));
                return next(connection);
            });
            more?.Invoke(listen);
        }

        if (uri.Host is "localhost")
        {
            kestrel.ListenLocalhost(uri.Port, Configure);
        }
        else
        {
            var address = uri.Host is "0.0.0.0" or "*" or "+" ? IPAddress.Any : IPAddress.Parse(uri.Host.Trim('[', ']'));
            kestrel.Listen(address, uri.Port, Configure);
        }
    }

    public static ListenerKind? Listener(this HttpContext context) => context.Features.Get<ListenerFeature>()?.Kind;
}
