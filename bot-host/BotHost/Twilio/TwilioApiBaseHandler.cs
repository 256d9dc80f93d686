using Microsoft.Extensions.Options;

namespace Sintestesia.BotHost.Twilio;

/// <summary>
/// Sends the Twilio SDK's requests for <c>https://api.twilio.com/…</c> to <c>Twilio:ApiBaseUrl</c> instead, keeping
/// path and query, so the real SDK code runs against a fake API in tests (or a recording proxy in staging).
/// </summary>
internal sealed class TwilioApiBaseHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    private static readonly Uri Default = new("https://api.twilio.com");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = new Uri(options.Value.ApiBaseUrl);
        if (request.RequestUri is { } uri && target != Default && uri.Host.Equals(Default.Host, StringComparison.OrdinalIgnoreCase))
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
