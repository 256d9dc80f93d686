using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.TenantConfig.Administration;

/// <summary>What ops do with shoppers' conversations: see who waits for a person, and hand them back to the bot.</summary>
public sealed partial class TenantAdministration
{
    public const int MaxConversationsListed = 500;

    /// <summary>Conversations in <paramref name="state"/> (<see cref="ConversationStates"/>), most recently active first.</summary>
    public async Task<AdminResult<IReadOnlyList<ConversationRecord>>> ListConversationsAsync(string id, string? state, int limit, CancellationToken ct)
    {
        state ??= ConversationStates.All;
        if (!ConversationStates.IsValid(state))
        {
            return Refuse.Invalid($"The state '{state}' is not '{ConversationStates.Handoff}', '{ConversationStates.OptedOut}' or '{ConversationStates.All}'.");
        }

        if (!await db.Tenants.AnyAsync(t => t.Id == id, ct))
        {
            return Refuse.NotFound(id);
        }

        var query = db.Conversations.AsNoTracking().Where(c => c.TenantId == id);
        query = state switch
        {
            ConversationStates.Handoff => query.Where(c => c.Handoff),
            ConversationStates.OptedOut => query.Where(c => c.OptedOut),
            _ => query,
        };
        var conversations = await query.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Phone)
            .Take(Math.Clamp(limit, 1, MaxConversationsListed))
            .Select(c => new ConversationRecord(c.Phone, c.Handoff, c.OptedOut, c.UpdatedAt))
            .ToListAsync(ct);
        return conversations;
    }

    /// <summary>
    /// Lets the bot answer a conversation that was handed to a person. Only the hand-off is cleared: an opt-out is
    /// the shopper's decision, which ops do not overrule.
    /// </summary>
    public async Task<AdminResult<ConversationRecord>> ReleaseConversationAsync(string id, string? phone, CancellationToken ct)
    {
        var canonical = PhoneNumbers.Canonical(phone ?? string.Empty);
        if (!canonical.Any(char.IsAsciiDigit))
        {
            return Refuse.Invalid($"'{phone}' is not a phone number; give it like +56911111111 or whatsapp:+56911111111.");
        }

        if (!await db.Tenants.AnyAsync(t => t.Id == id, ct))
        {
            return Refuse.NotFound(id);
        }

        // Phones are stored as each channel gave them (a JSON integration may send spaces or dashes), so compare
        // canonical forms; reading one tenant's phone keys is cheap next to an ops action.
        var stored = await db.Conversations.AsNoTracking().Where(c => c.TenantId == id).Select(c => c.Phone).ToListAsync(ct);
        var matching = stored.Where(p => PhoneNumbers.Canonical(p) == canonical).ToList();
        var missing = Refuse.Missing($"{id} has no conversation with {canonical}.");
        if (matching.Count == 0)
        {
            return missing;
        }

        // One UPDATE of the one column, so a bot host saving the same row meanwhile keeps its own changes.
        await db.Conversations.Where(c => c.TenantId == id && matching.Contains(c.Phone))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Handoff, false), ct);
        var released = await db.Conversations.AsNoTracking().Where(c => c.TenantId == id && matching.Contains(c.Phone))
            .OrderByDescending(c => c.UpdatedAt)
            .Select(c => new ConversationRecord(c.Phone, c.Handoff, c.OptedOut, c.UpdatedAt))
            .FirstOrDefaultAsync(ct);
        return released is null ? missing : released;
    }
}
