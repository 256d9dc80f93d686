using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Sintestesia.Certs.Acme.Internal;

/// <summary>Satisfies an order's authorizations with one challenge type (RFC 8555 sections 7.5 and 8).</summary>
internal sealed class ChallengeAuthorizer(AcmeTransport transport, Poller poller, ECDsa accountKey, IChallengeSolver solver, ILogger logger)
{
    private static readonly string[] PendingStates = ["pending", "processing"];

    private sealed record PendingChallenge(Uri Authorization, Uri Challenge, string Identifier, string Token, string KeyAuthorization);

    public async Task AuthorizeAsync(IEnumerable<Uri> authorizations, CancellationToken cancellationToken)
    {
        var pending = new List<PendingChallenge>();
        foreach (var url in authorizations)
        {
            var authz = (await transport.PostAsync(url, payload: null, useJwk: false, cancellationToken)).Json;
            var status = (string?)authz["status"];
            if (status == "valid")
            {
                continue;
            }

            if (status != "pending")
            {
                throw new AcmeException($"Authorization {url} is '{status}' and cannot be answered.");
            }

            pending.Add(ToChallenge(url, authz));
        }

        var presented = new List<PendingChallenge>();
        try
        {
            // *.x and x share _acme-challenge.x under DNS-01: every value is presented before the server looks at any.
            foreach (var challenge in pending)
            {
                presented.Add(challenge);
                await solver.PresentAsync(challenge.Identifier, challenge.Token, challenge.KeyAuthorization, cancellationToken);
            }

            await solver.WaitUntilVisibleAsync(cancellationToken);
            foreach (var challenge in pending)
            {
                await transport.PostAsync(challenge.Challenge, new JsonObject(), useJwk: false, cancellationToken);
            }

            foreach (var challenge in pending)
            {
                var authz = await poller.UntilAsync(challenge.Authorization, PendingStates, cancellationToken);
                if ((string?)authz["status"] != "valid")
                {
                    throw Failure(challenge.Authorization, authz);
                }
            }
        }
        finally
        {
            foreach (var challenge in presented)
            {
                try
                {
                    await solver.CleanupAsync(challenge.Identifier, challenge.Token, CancellationToken.None);
                }
#pragma warning disable CA1031 // A leftover TXT record or token must not turn a validated order into a failed one.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    AcmeLog.CleanupFailed(logger, solver.ChallengeType, challenge.Identifier, ex.Message);
                }
            }
        }
    }

    private PendingChallenge ToChallenge(Uri url, JsonNode authz)
    {
        // A wildcard authorization names the base domain ("wildcard": true), which is also where its TXT record lives.
        var domain = (string?)authz["identifier"]?["value"] ?? throw new AcmeException($"Authorization {url} has no identifier.");
        var type = solver.ChallengeType;
        var challenge = authz["challenges"]?.AsArray().FirstOrDefault(c => (string?)c?["type"] == type)
            ?? throw new AcmeException($"Authorization {url} for {domain} offers no {type} challenge.");
        var token = (string?)challenge["token"] ?? throw new AcmeException($"The {type} challenge for {domain} has no token.");
        var challengeUrl = (string?)challenge["url"] ?? throw new AcmeException($"The {type} challenge for {domain} has no url.");
        return new PendingChallenge(url, new Uri(challengeUrl), domain, token, Jws.KeyAuthorization(token, accountKey));
    }

    private static AcmeException Failure(Uri url, JsonNode authz)
    {
        var error = authz["challenges"]?.AsArray().Select(c => c?["error"]).FirstOrDefault(e => e is not null);
        return error is null
            ? new AcmeException($"Authorization {url} ended '{(string?)authz["status"]}'.")
            : new AcmeException((string?)error["type"] ?? "about:blank", (string?)error["detail"] ?? string.Empty, (int?)error["status"] ?? 0);
    }
}
