using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Twilio;

/// <summary>
/// WhatsApp's customer service window: a business may send free text only within 24 hours of the shopper's last
/// message to it; after that only an approved template. Counted from the shopper's last inbound Twilio message to
/// this tenant, so one shop's conversation never opens another's window.
/// </summary>
internal sealed class WhatsAppWindow(TenantDbContext db, TimeProvider time)
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    public async Task<bool> IsOpenAsync(string tenantId, string phone, CancellationToken ct)
    {
        var since = (time.GetUtcNow() - Length).UtcDateTime;
        return await db.Messages.AsNoTracking().AnyAsync(m => m.TenantId == tenantId && m.Phone == phone
            && m.Direction == MessageDirection.Inbound && m.Channel == "twilio" && m.CreatedAt > since, ct);
    }
}
