using System.Text.Json.Serialization;

namespace Sintestesia.TenantCtl.Certificates;

// The gateway's /admin/certificates contract (gateway/Gateway/Api/ApiModels.cs), copied rather than referenced:
// tenantctl knows the gateway only through its HTTP API.

internal sealed record CertificatesResponse(string Https, string Acme, long OrdersPlaced, IReadOnlyList<CertificateJson> Certificates);

internal sealed record CertificateJson(
    string Name, IReadOnlyList<string> DnsNames, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, string? Issuer,
    string State, DateTimeOffset? RenewAfter, string? LastError, DateTimeOffset? NextAttempt);

internal sealed record IssueCertificateRequest(string Name);

internal sealed record RenewCertificatesRequest(bool Force);

internal sealed record RenewCertificatesResponse(int Renewed, IReadOnlyList<CertificateJson> Certificates);

internal sealed record ErrorBody(string? Status, string? Error);

/// <summary>Snake_case as the gateway writes it; a missing or null required field is an error, not a silent null.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CertificatesResponse))]
[JsonSerializable(typeof(CertificateJson))]
[JsonSerializable(typeof(IssueCertificateRequest))]
[JsonSerializable(typeof(RenewCertificatesRequest))]
[JsonSerializable(typeof(RenewCertificatesResponse))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class CertificatesJson : JsonSerializerContext;
