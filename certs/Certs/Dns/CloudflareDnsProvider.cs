using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sintestesia.Certs;

/// <summary>
/// Publishes DNS-01 TXT records through Cloudflare's API v4 (<c>zones</c> and <c>dns_records</c>), with an API
/// token allowed to edit DNS in the zone.
/// </summary>
/// <param name="http">A client the caller owns; its base address is ignored.</param>
/// <param name="apiToken">A Cloudflare API token with Zone.DNS edit permission.</param>
/// <param name="apiUrl">The API root; <c>https://api.cloudflare.com/client/v4/</c> when null.</param>
public sealed class CloudflareDnsProvider(HttpClient http, string apiToken, Uri? apiUrl = null) : IDnsChallengeProvider
{
    private readonly Uri _apiUrl = apiUrl ?? new Uri("https://api.cloudflare.com/client/v4/");

    /// <inheritdoc />
    public async Task PublishTxtAsync(string name, string value, CancellationToken cancellationToken)
    {
        var record = name.TrimEnd('.');
        var zone = await FindZoneAsync(record, cancellationToken);
        var body = new JsonObject { ["type"] = "TXT", ["name"] = record, ["content"] = value, ["ttl"] = 60 };
        await SendAsync(HttpMethod.Post, $"zones/{zone}/dns_records", body, cancellationToken);
    }

    /// <inheritdoc />
    public async Task ClearTxtAsync(string name, CancellationToken cancellationToken)
    {
        var record = name.TrimEnd('.');
        var zone = await FindZoneAsync(record, cancellationToken);
        var found = await SendAsync(HttpMethod.Get, $"zones/{zone}/dns_records?type=TXT&name={Uri.EscapeDataString(record)}", null, cancellationToken);
        foreach (var id in Ids(found))
        {
            await SendAsync(HttpMethod.Delete, $"zones/{zone}/dns_records/{id}", null, cancellationToken);
        }
    }

    // The zone is the longest suffix of the record name that Cloudflare knows: _acme-challenge.a.example.org → example.org.
    private async Task<string> FindZoneAsync(string record, CancellationToken cancellationToken)
    {
        var labels = record.Split('.');
        for (var i = 1; i < labels.Length - 1; i++)
        {
            var candidate = string.Join('.', labels[i..]);
            var found = await SendAsync(HttpMethod.Get, $"zones?name={Uri.EscapeDataString(candidate)}", null, cancellationToken);
            if (Ids(found).FirstOrDefault() is { } id)
            {
                return id;
            }
        }

        throw new InvalidOperationException($"No Cloudflare zone visible to this token contains {record}.");
    }

    private static IEnumerable<string> Ids(JsonNode response) =>
        response["result"]?.AsArray().Select(r => (string?)r?["id"]).OfType<string>() ?? [];

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_apiUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var json = JsonNode.Parse(text);
        if (!response.IsSuccessStatusCode || json?["success"]?.GetValue<bool>() != true)
        {
            throw new HttpRequestException($"Cloudflare {method} {path} failed with HTTP {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        return json;
    }
}
