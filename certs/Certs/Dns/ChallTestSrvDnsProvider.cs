using System.Net.Http.Json;

namespace Sintestesia.Certs;

/// <summary>
/// Publishes DNS-01 TXT records on pebble-challtestsrv's management API (<c>/set-txt</c>, <c>/clear-txt</c>),
/// for tests against pebble. Not for production DNS.
/// </summary>
/// <param name="http">A client for the management API; the caller owns it.</param>
/// <param name="managementUrl">The management API, e.g. <c>http://127.0.0.1:8055</c>.</param>
public sealed class ChallTestSrvDnsProvider(HttpClient http, Uri managementUrl) : IDnsChallengeProvider
{
    /// <inheritdoc />
    public Task PublishTxtAsync(string name, string value, CancellationToken cancellationToken) =>
        PostAsync("set-txt", new TxtRecord(Fqdn(name), value), cancellationToken);

    /// <inheritdoc />
    public Task ClearTxtAsync(string name, CancellationToken cancellationToken) =>
        PostAsync("clear-txt", new TxtRecord(Fqdn(name), null), cancellationToken);

    // challtestsrv matches the query name exactly, and DNS queries carry the root dot.
    private static string Fqdn(string name) => name.EndsWith('.') ? name : name + ".";

    private async Task PostAsync(string path, TxtRecord record, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(managementUrl, path), record, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private sealed record TxtRecord(
        [property: System.Text.Json.Serialization.JsonPropertyName("host")] string Host,
        [property: System.Text.Json.Serialization.JsonPropertyName("value")] string? Value);
}
