using Microsoft.AspNetCore.Http.HttpResults;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.Api;

/// <summary>
/// <c>/admin/tenants/{id}/conversations</c>: which shoppers wait for a person, and handing them back to the bot.
/// Mapped inside the admin group, so its token check applies.
/// </summary>
internal static class ConversationsApi
{
    public static RouteGroupBuilder MapConversationsApi(this RouteGroupBuilder conversations)
    {
        conversations.MapGet("/", ListAsync);
        conversations.MapPost("/{phone}/release", ReleaseAsync);
        return conversations;
    }

    private static async Task<Results<Ok<ConversationsResponse>, JsonHttpResult<ErrorBody>>> ListAsync(
        string id, TenantAdministration admin, CancellationToken ct, string state = ConversationStates.All, int limit = 50)
    {
        var result = await admin.ListConversationsAsync(id, state, limit, ct);
        return result.Error is { } error
            ? AdminApi.Refused(error)
            : TypedResults.Ok(new ConversationsResponse("success", id, [.. result.Value!.Select(ConversationJson.From)]));
    }

    private static async Task<Results<Ok<ConversationJson>, JsonHttpResult<ErrorBody>>> ReleaseAsync(
        string id, string phone, TenantAdministration admin, CancellationToken ct)
    {
        var result = await admin.ReleaseConversationAsync(id, phone, ct);
        return result.Error is { } error ? AdminApi.Refused(error) : TypedResults.Ok(ConversationJson.From(result.Value!));
    }
}
