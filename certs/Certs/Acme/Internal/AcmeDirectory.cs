using System.Text.Json.Nodes;

namespace Sintestesia.Certs.Acme.Internal;

/// <summary>The resource URLs of an ACME server (RFC 8555 section 7.1.1).</summary>
internal sealed record AcmeDirectory(Uri NewNonce, Uri NewAccount, Uri NewOrder)
{
    public static AcmeDirectory Parse(JsonNode json) => new(Url(json, "newNonce"), Url(json, "newAccount"), Url(json, "newOrder"));

    private static Uri Url(JsonNode json, string name) =>
        new((string?)json[name] ?? throw new AcmeException($"The ACME directory has no '{name}'."));
}
