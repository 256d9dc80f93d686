using Microsoft.AspNetCore.Http.HttpResults;
using Sintestesia.Gateway.Tenants;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.Api;

/// <summary>
/// The body of <c>PUT /admin/tenants/{id}/meta</c>. Its text form names the number only: the three secrets must
/// never reach a log through a stray <c>ToString</c>.
/// </summary>
public sealed record MetaRequest(string? PhoneNumberId, string? DisplayPhoneNumber, string? VerifyToken, string? AppSecret, string? AccessToken)
{
    public override string ToString() => $"MetaRequest {{ PhoneNumberId = {PhoneNumberId}, DisplayPhoneNumber = {DisplayPhoneNumber} }}";
}

/// <summary>
/// <c>/admin/tenants/{id}/meta</c>: a shop's WhatsApp Cloud API number and its secrets, stored encrypted and never
/// returned. Mapped inside the admin group, so its token check applies.
/// </summary>
internal static class MetaApi
{
    public static RouteGroupBuilder MapMetaApi(this RouteGroupBuilder meta)
    {
        meta.MapPut("/", SetAsync);
        return meta;
    }

    private static async Task<Results<NoContent, JsonHttpResult<ErrorBody>>> SetAsync(
        string id, MetaRequest request, TenantAdministration admin, TenantDirectory directory, CancellationToken ct)
    {
        var result = await admin.SetMetaAsync(id, request.PhoneNumberId, request.DisplayPhoneNumber,
            request.VerifyToken, request.AppSecret, request.AccessToken, ct);
        if (result.Error is { } error)
        {
            return AdminApi.Refused(error);
        }

        // The shared apex route finds the shop by phone_number_id in the directory: make the new number routable now.
        await directory.RefreshAsync(force: true, ct);
        return TypedResults.NoContent();
    }
}
