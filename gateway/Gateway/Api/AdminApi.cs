using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sintestesia.Gateway.Configuration;
using Sintestesia.Gateway.Http;
using Sintestesia.Gateway.Tenants;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Catalog;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.Api;

/// <summary>The contract's admin API; every write is applied to the gateway's routing before it answers.</summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/tenants").AddEndpointFilter<AdminAuthorization>();
        admin.MapPost("/", CreateAsync);
        admin.MapGet("/{id}", GetAsync);
        admin.MapPatch("/{id}", UpdateAsync);
        admin.MapDelete("/{id}", DeleteAsync);
        admin.MapPut("/{id}/twilio", SetTwilioAsync);
        admin.MapPut("/{id}/products", ReplaceProductsAsync);
        admin.MapGet("/{id}/messages", MessagesAsync);
        admin.MapGroup("/{id}/conversations").MapConversationsApi();
        admin.MapGroup("/{id}/meta").MapMetaApi();
        return app;
    }

    private static async Task<Results<Created<AdminTenantJson>, JsonHttpResult<ErrorBody>>> CreateAsync(
        CreateTenantRequest request, TenantAdministration admin, TenantDirectory directory, IOptions<GatewayOptions> options, CancellationToken ct)
    {
        var created = await admin.CreateAsync(request.Name, request.Slug, request.Id, ct);
        // Read back, so the answer shows the settings the database gave the new tenant.
        var result = created.Error is null ? await admin.GetDetailsAsync(created.Value!.Id, ct) : created.Error;
        if (result.Error is { } error)
        {
            return Refused(error);
        }

        await directory.RefreshAsync(force: true, ct);
        return TypedResults.Created($"/admin/tenants/{result.Value!.Tenant.Id}", Json(result.Value, options.Value));
    }

    private static async Task<Results<Ok<AdminTenantJson>, JsonHttpResult<ErrorBody>>> GetAsync(
        string id, TenantAdministration admin, IOptions<GatewayOptions> options, CancellationToken ct)
    {
        var result = await admin.GetDetailsAsync(id, ct);
        return result.Error is { } error ? Refused(error) : TypedResults.Ok(Json(result.Value!, options.Value));
    }

    private static async Task<Results<Ok<AdminTenantJson>, JsonHttpResult<ErrorBody>>> UpdateAsync(
        string id, UpdateTenantRequest request, TenantAdministration admin, TenantDirectory directory, IOptions<GatewayOptions> options, CancellationToken ct)
    {
        var changes = new TenantChanges
        {
            Name = request.Name,
            Status = request.Status,
            Currency = request.Currency,
            BusinessHours = request.BusinessHours,
            TimeZone = request.TimeZone,
            LlmEnabled = request.LlmEnabled,
            LlmPersona = request.LlmPersona,
            RateLimit = request.RateLimitPerMinute,
            BotPool = request.BotPool,
        };
        var result = await admin.UpdateAsync(id, changes, ct);
        if (result.Error is { } error)
        {
            return Refused(error);
        }

        await directory.RefreshAsync(force: true, ct);
        return TypedResults.Ok(Json(result.Value!, options.Value));
    }

    private static async Task<Results<NoContent, JsonHttpResult<ErrorBody>>> DeleteAsync(
        string id, TenantAdministration admin, TenantDirectory directory, CancellationToken ct)
    {
        var result = await admin.DeleteAsync(id, ct);
        if (result.Error is { } error)
        {
            return Refused(error);
        }

        await directory.RefreshAsync(force: true, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, JsonHttpResult<ErrorBody>>> SetTwilioAsync(
        string id, TwilioRequest request, TenantAdministration admin, TenantDirectory directory, CancellationToken ct)
    {
        var result = await admin.SetTwilioAsync(id, request.AccountSid, request.AuthToken, request.FromNumber, ct);
        if (result.Error is { } error)
        {
            return Refused(error);
        }

        await directory.RefreshAsync(force: true, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CountResponse>, JsonHttpResult<ErrorBody>>> ReplaceProductsAsync(
        string id, List<ProductInput> products, TenantAdministration admin, CancellationToken ct)
    {
        var result = await admin.ReplaceProductsAsync(id, products, ct);
        return result.Error is { } error ? Refused(error) : TypedResults.Ok(new CountResponse(result.Value));
    }

    private static async Task<Results<Ok<MessagesResponse>, JsonHttpResult<ErrorBody>>> MessagesAsync(
        string id, TenantAdministration admin, CancellationToken ct, int limit = 50)
    {
        var result = await admin.RecentMessagesAsync(id, limit, ct);
        if (result.Error is { } error)
        {
            return Refused(error);
        }

        var messages = result.Value!.Select(m => new MessageJson(m.Id, m.Direction, m.Channel, m.Phone, m.Body,
            m.ProviderMessageId, m.InReplyToId, DateTime.SpecifyKind(m.CreatedAt, DateTimeKind.Utc)) { Status = m.Status, Error = m.Error, Media = m.Media }).ToList();
        return TypedResults.Ok(new MessagesResponse("success", id, messages));
    }

    private static AdminTenantJson Json(TenantDetails tenant, GatewayOptions o) => AdminTenantJson.From(tenant, o.ResolveInternalBaseUrl(), o.BaseDomain);

    /// <summary>A refusal as the contract's error body, with the status its kind calls for.</summary>
    internal static JsonHttpResult<ErrorBody> Refused(AdminError error) => TypedResults.Json(new ErrorBody(error.Message), GatewayJson.Default.ErrorBody,
        statusCode: error.Kind switch
        {
            AdminErrorKind.NotFound => StatusCodes.Status404NotFound,
            AdminErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        });
}
