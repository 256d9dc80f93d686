using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Sintestesia.Certs.Acme.Internal;

/// <summary>Signed requests with replay nonces (RFC 8555 sections 6.2–6.5) and problem documents turned into exceptions.</summary>
internal sealed class AcmeTransport(HttpClient http, Uri directoryUrl, ECDsa key, TimeProvider time, ILogger logger)
{
    // RFC 8555 6.5: a client should retry a badNonce with the nonce from the error. Pebble rejects
    // nonces at random, so the fresh nonce can be rejected too: allow a few retries, not an endless loop.
    private const int MaxBadNonceRetries = 10;
    private const string BadNonce = "urn:ietf:params:acme:error:badNonce";

    private AcmeDirectory? _directory;
    private string? _nonce;
    private int _badNonceRetries;

    public string? AccountUrl { get; set; }

    /// <summary>How many times a badNonce problem was answered by a retry (tests look at this).</summary>
    public int BadNonceRetries => Volatile.Read(ref _badNonceRetries);

    public async Task<AcmeDirectory> GetDirectoryAsync(CancellationToken cancellationToken)
    {
        // Two callers racing here both fetch the same document; harmless.
        if (_directory is null)
        {
            using var response = await http.GetAsync(directoryUrl, cancellationToken);
            var body = await ReadAsync(response, cancellationToken);
            _directory = AcmeDirectory.Parse(body.Json);
        }

        return _directory;
    }

    // payload null = POST-as-GET; useJwk for newAccount, which names the key itself instead of an account URL.
    public async Task<AcmeResponse> PostAsync(Uri url, JsonNode? payload, bool useJwk, CancellationToken cancellationToken, string? accept = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var nonce = Interlocked.Exchange(ref _nonce, null) ?? await NewNonceAsync(cancellationToken);
            var kid = useJwk ? null : AccountUrl ?? throw new InvalidOperationException("No ACME account yet.");
            // JsonNode instances have a single parent: sign a copy so the payload can be sent again.
            var body = Jws.Sign(key, url, nonce, kid, payload?.DeepClone());
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(body, Encoding.UTF8),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/jose+json");
            if (accept is not null)
            {
                request.Headers.Accept.ParseAdd(accept);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            try
            {
                return await ReadAsync(response, cancellationToken);
            }
            catch (AcmeException e) when (e.Type == BadNonce && attempt < MaxBadNonceRetries)
            {
                Interlocked.Increment(ref _badNonceRetries);
                AcmeLog.BadNonceRetry(logger, url, attempt + 1);
            }
            catch (AcmeException e)
            {
                AcmeLog.Problem(logger, url, e.Type, e.Status, e.Detail);
                throw;
            }
        }
    }

    private async Task<string> NewNonceAsync(CancellationToken cancellationToken)
    {
        var directory = await GetDirectoryAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Head, directory.NewNonce);
        using var response = await http.SendAsync(request, cancellationToken);
        await ReadAsync(response, cancellationToken);
        return Interlocked.Exchange(ref _nonce, null) ?? throw new AcmeException("The ACME server sent no Replay-Nonce.");
    }

    private async Task<AcmeResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Headers.TryGetValues("Replay-Nonce", out var nonces))
        {
            Volatile.Write(ref _nonce, nonces.FirstOrDefault());
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Problem(response, body);
        }

        return new AcmeResponse(body, response.Headers.Location, RetryAfter(response));
    }

    private static AcmeException Problem(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json" && JsonNode.Parse(body) is { } problem)
        {
            return new AcmeException((string?)problem["type"] ?? "about:blank", (string?)problem["detail"] ?? string.Empty, status);
        }

        return new AcmeException($"The ACME server answered HTTP {status} without a problem document: {body}");
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };
}
