using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Certificates;

/// <summary>
/// The running gateway's admin API, which owns the certificates (it answers the ACME challenges and serves them),
/// so <c>certs</c> talks HTTP instead of opening the tenant database.
/// </summary>
internal sealed class GatewayAdminClient : IDisposable
{
    public const string UrlVariable = "SINTESTESIA_GATEWAY_URL";
    public const string TokenVariable = "SINTESTESIA_ADMIN_TOKEN";
    public const string DefaultUrl = "http://127.0.0.1:9001";

    // An order waits for the CA to validate the challenge; a minute or two is normal for a real CA.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static readonly Option<string?> UrlOption = new("--gateway")
    {
        Description = $"The gateway's internal (admin) URL (default: env {UrlVariable}, else {DefaultUrl}).",
        HelpName = "url",
        Recursive = true,
    };

    private readonly HttpClient _http;

    private GatewayAdminClient(Uri baseUrl, string token)
    {
        BaseUrl = baseUrl;
        // The admin API lives on an internal listener; a bearer token has no business going through a proxy.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseUrl, Timeout = Timeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Uri BaseUrl { get; }

    /// <summary>The URL from <c>--gateway</c> or the environment, and the token from the environment only.</summary>
    public static GatewayAdminClient Open(ParseResult parseResult)
    {
        var url = parseResult.GetValue(UrlOption)
            ?? (Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultUrl);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"'{url}' is not a gateway URL: give its internal address, e.g. {DefaultUrl}.");
        }

        var token = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } value && value.Trim().Length > 0
            ? value.Trim()
            : throw new UsageException($"No admin token: set {TokenVariable} to the gateway's admin token. It is never taken as an argument, to keep it out of shell history.");
        // A trailing slash keeps a path prefix (behind a reverse proxy) when the API paths are appended.
        return new GatewayAdminClient(new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/"), token);
    }

    public Task<CertificatesResponse> ListAsync(CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, "admin/certificates"), CertificatesJson.Default.CertificatesResponse, ct);

    public Task<CertificateJson> IssueAsync(string name, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "admin/certificates")
        {
            Content = JsonContent.Create(new IssueCertificateRequest(name), CertificatesJson.Default.IssueCertificateRequest),
        }, CertificatesJson.Default.CertificateJson, ct);

    public Task<RenewCertificatesResponse> RenewAsync(bool force, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "admin/certificates/renew")
        {
            Content = JsonContent.Create(new RenewCertificatesRequest(force), CertificatesJson.Default.RenewCertificatesRequest),
        }, CertificatesJson.Default.RenewCertificatesResponse, ct);

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> shape, CancellationToken ct)
    {
        using var _ = request;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new GatewayRefusedException(
                $"Could not reach the gateway at {BaseUrl}: {e.Message.TrimEnd('.')}. Is it running? Point --gateway (or {UrlVariable}) at its internal address.",
                ExitCodes.Refused);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new GatewayRefusedException($"The gateway at {BaseUrl} did not answer within {Timeout.TotalSeconds:0} s.", ExitCodes.Refused);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw Refusal(response.StatusCode, body);
            }

            try
            {
                return JsonSerializer.Deserialize(body, shape)
                    ?? throw new JsonException("The body was null.");
            }
            catch (JsonException e)
            {
                throw new GatewayRefusedException($"The gateway at {BaseUrl} answered in a shape tenantctl does not know: {e.Message}", ExitCodes.Refused);
            }
        }
    }

    private GatewayRefusedException Refusal(HttpStatusCode status, string body)
    {
        // A wrong or missing token is the environment's fault, as a missing token would be before sending.
        var exitCode = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? ExitCodes.Usage : ExitCodes.Refused;
        string? sentence = null;
        try
        {
            sentence = JsonSerializer.Deserialize(body, CertificatesJson.Default.ErrorBody)?.Error;
        }
        catch (JsonException)
        {
            // Not the gateway's error JSON (a proxy, or another service on that port): say what came back instead.
        }

        return new GatewayRefusedException(
            sentence is { Length: > 0 }
                ? sentence
                : $"The gateway at {BaseUrl} answered {(int)status} {status} without an explanation; is --gateway its internal (admin) address?",
            exitCode);
    }
}

/// <summary>The gateway refused or could not be asked; the message is the sentence ops read.</summary>
internal sealed class GatewayRefusedException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
