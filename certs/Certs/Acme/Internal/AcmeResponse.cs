using System.Text.Json.Nodes;

namespace Sintestesia.Certs.Acme.Internal;

/// <summary>What the client keeps of an ACME response.</summary>
internal sealed record AcmeResponse(string Body, Uri? Location, TimeSpan? RetryAfter)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new AcmeException("The ACME server sent an empty JSON body.");
}
