using Microsoft.AspNetCore.Http.HttpResults;
using Sintestesia.Certs;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.Api;

/// <summary><c>/admin/certificates</c>: what this gateway serves, and orders on an operator's request (<c>tenantctl certs</c>).</summary>
internal static class CertificatesApi
{
    private const string HttpsOff = "This gateway does not terminate HTTPS (Gateway:HttpsUrl is unset), so it keeps no certificates.";

    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        var certificates = app.MapGroup("/admin/certificates").AddEndpointFilter<AdminAuthorization>();
        certificates.MapGet("/", List);
        certificates.MapPost("/", IssueAsync);
        certificates.MapPost("/renew", RenewAsync);
        return app;
    }

    private static Ok<CertificatesResponse> List(IServiceProvider services) =>
        services.GetService<CertificateManager>() is { } manager
            ? TypedResults.Ok(new CertificatesResponse("on", manager.AcmeEnabled ? "on" : "off", manager.OrdersPlaced, [.. manager.Status().Select(Json)]))
            : TypedResults.Ok(new CertificatesResponse("off", "off", 0, []));

    private static async Task<IResult> IssueAsync(IssueCertificateRequest request, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<CertificateManager>() is not { } manager)
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status409Conflict, HttpsOff);
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status400BadRequest, "'name' is required: a shop's host, the base domain, or *.<base domain>.");
        }

        try
        {
            var before = manager.Status().FirstOrDefault(s => string.Equals(s.Name, request.Name.Trim(), StringComparison.OrdinalIgnoreCase))?.NotAfter;
            var status = await manager.IssueAsync(request.Name, ct);
            return status.LastError is { } error && status.NotAfter == before
                ? ErrorResponses.ErrorResult(StatusCodes.Status502BadGateway, $"The order for {status.Name} failed: {error}")
                : TypedResults.Ok(Json(status));
        }
        catch (ArgumentException ex)
        {
            // The sentence is for ops; the parameter name .NET appends is not.
            var sentence = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
            return ErrorResponses.ErrorResult(StatusCodes.Status400BadRequest, sentence);
        }
        catch (InvalidOperationException ex)
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status409Conflict, ex.Message);
        }
    }

    private static async Task<IResult> RenewAsync(RenewCertificatesRequest? request, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<CertificateManager>() is not { } manager)
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status409Conflict, HttpsOff);
        }

        if (!manager.AcmeEnabled)
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status409Conflict, "ACME is off: set Certificates:Acme:DirectoryUrl to renew certificates.");
        }

        var renewed = await manager.RenewAsync(request?.Force ?? false, ct);
        return TypedResults.Ok(new RenewCertificatesResponse(renewed, [.. manager.Status().Select(Json)]));
    }

    private static CertificateJson Json(CertificateStatus s) =>
        new(s.Name, s.DnsNames, s.NotBefore, s.NotAfter, s.Issuer, s.State, s.RenewAfter, s.LastError, s.NextAttempt);
}
