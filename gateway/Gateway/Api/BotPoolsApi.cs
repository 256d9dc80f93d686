using Microsoft.AspNetCore.Http.HttpResults;
using Sintestesia.Gateway.Tenants;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.Api;

/// <summary>A bot-host pool: its hosts, and how many shops it serves.</summary>
public sealed record BotPoolJson(string Id, IReadOnlyList<string> Destinations, int Tenants)
{
    public static BotPoolJson From(BotPoolRecord pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return new(pool.Id, pool.Destinations, pool.Tenants);
    }
}

public sealed record BotPoolsResponse(IReadOnlyList<BotPoolJson> Pools);

public sealed record BotPoolRequest(IReadOnlyList<string?>? Destinations);

/// <summary>
/// <c>/admin/bot-pools</c>: named sets of bot hosts that serve the shops assigned to them (<c>bot_pool</c> in
/// <c>PATCH /admin/tenants/{id}</c>). <c>PUT</c> creates or replaces and answers <c>200</c> with the pool either way,
/// so repeating it is harmless. Every write is applied to the gateway's routing before it answers.
/// </summary>
internal static class BotPoolsApi
{
    public static IEndpointRouteBuilder MapBotPoolsApi(this IEndpointRouteBuilder app)
    {
        var pools = app.MapGroup("/admin/bot-pools").AddEndpointFilter<AdminAuthorization>();
        pools.MapGet("/", ListAsync);
        pools.MapPut("/{id}", SetAsync);
        pools.MapDelete("/{id}", RemoveAsync);
        return app;
    }

    private static async Task<Ok<BotPoolsResponse>> ListAsync(TenantAdministration admin, CancellationToken ct) =>
        TypedResults.Ok(new BotPoolsResponse([.. (await admin.ListPoolsAsync(ct)).Select(BotPoolJson.From)]));

    private static async Task<Results<Ok<BotPoolJson>, JsonHttpResult<ErrorBody>>> SetAsync(
        string id, BotPoolRequest request, TenantAdministration admin, TenantDirectory directory, CancellationToken ct)
    {
        var result = await admin.SetPoolAsync(id, request.Destinations, ct);
        if (result.Error is { } error)
        {
            return AdminApi.Refused(error);
        }

        await directory.RefreshAsync(force: true, ct);
        return TypedResults.Ok(BotPoolJson.From(result.Value!));
    }

    private static async Task<Results<NoContent, JsonHttpResult<ErrorBody>>> RemoveAsync(
        string id, TenantAdministration admin, TenantDirectory directory, CancellationToken ct)
    {
        var result = await admin.RemovePoolAsync(id, ct);
        if (result.Error is { } error)
        {
            return AdminApi.Refused(error);
        }

        await directory.RefreshAsync(force: true, ct);
        return TypedResults.NoContent();
    }
}
