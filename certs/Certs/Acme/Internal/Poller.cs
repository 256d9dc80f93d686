using System.Text.Json.Nodes;

namespace Sintestesia.Certs.Acme.Internal;

/// <summary>Polls an order or authorization until it leaves its pending states (RFC 8555 section 7.5.1), honouring Retry-After.</summary>
internal sealed class Poller(AcmeTransport transport, TimeProvider time)
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(30);
    private const int MaxPolls = 60;

    public async Task<JsonNode> UntilAsync(Uri url, IReadOnlyCollection<string> waitWhile, CancellationToken cancellationToken)
    {
        for (var poll = 0; poll < MaxPolls; poll++)
        {
            var response = await transport.PostAsync(url, payload: null, useJwk: false, cancellationToken);
            var json = response.Json;
            var status = (string?)json["status"];
            if (status is null || !waitWhile.Contains(status))
            {
                return json;
            }

            var delay = response.RetryAfter ?? DefaultInterval;
            delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxInterval ? MaxInterval : delay;
            await Task.Delay(delay, time, cancellationToken);
        }

        throw new AcmeException($"{url} was still pending after {MaxPolls} polls.");
    }
}
