using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Conversation;

/// <summary>
/// Builds the EF model and opens the database before the bot host reports itself started, so the first
/// shopper does not wait a second for it (and a missing database fails the start, not a request).
/// </summary>
internal sealed class DatabaseWarmUp(IDbContextFactory<TenantDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Products.AsNoTracking().Where(p => p.ClientId == string.Empty).CountAsync(cancellationToken);
        await db.Messages.AsNoTracking().Where(m => m.TenantId == string.Empty).Select(m => m.Body).FirstOrDefaultAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
