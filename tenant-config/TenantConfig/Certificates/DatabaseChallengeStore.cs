using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sintestesia.Certs;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantConfig.Certificates;

/// <summary>
/// Shares HTTP-01 and TLS-ALPN-01 challenges through the tenant database (table <c>acme_challenges</c>), so the gateway
/// the CA's validation reaches answers it even when another gateway placed the order. Key authorizations are public
/// while a challenge lasts, so they are stored in clear. Lookups never throw: a database error is "no challenge",
/// logged once until the database answers again.
/// </summary>
public sealed partial class DatabaseChallengeStore : ISharedChallengeStore
{
    /// <summary>Older rows are ignored and deleted: a CA validates within minutes of being told to.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    // A token is new to everyone until a gateway saves it, so repeating a token that was not found (a scanner) need not
    // reach the database again. Hosts are not cached that way: anyone can name a host before its challenge is saved,
    // and a remembered miss would fail the validation that follows.
    private static readonly TimeSpan TokenMissLifetime = TimeSpan.FromSeconds(30);
    private const int MaxRememberedMisses = 10_000;

    private readonly IDbContextFactory<TenantDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _missedTokens = new(StringComparer.Ordinal);
    private int _failing;

    /// <summary>Creates a store over the database that <paramref name="contexts"/> opens.</summary>
    public DatabaseChallengeStore(IDbContextFactory<TenantDbContext> contexts, TimeProvider? time = null, ILogger<DatabaseChallengeStore>? logger = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    /// <remarks>A name no gateway would look up (see <see cref="ChallengeNames"/>) is not stored.</remarks>
    public async Task SaveAsync(string challengeType, string name, string keyAuthorization, CancellationToken cancellationToken)
    {
        var kind = KnownKind(challengeType);
        if (KeyOf(kind, name) is not { } key)
        {
            return;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        _missedTokens.TryRemove(key, out _);
        await GuardAsync("save", async () =>
        {
            // Two gateways may present the same host at once; on PostgreSQL the loser's insert fails on the primary key
            // and its second attempt replaces the winner's row. SQLite's writer lock serializes them anyway.
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var cutoff = now - MaxAge;
                await db.AcmeChallenges
                    .Where(c => (c.Kind == kind && c.Name == key) || c.CreatedAt < cutoff)
                    .ExecuteDeleteAsync(cancellationToken);
                db.AcmeChallenges.Add(new AcmeChallengeRow { Kind = kind, Name = key, KeyAuthorization = keyAuthorization, CreatedAt = now });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return;
                }
                catch (DbUpdateException) when (attempt == 1)
                {
                    await transaction.RollbackAsync(cancellationToken);
                }
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Only a well-formed token or a valid host name is looked up; anything else is answered at once.</remarks>
    public async Task<string?> FindAsync(string challengeType, string name, CancellationToken cancellationToken)
    {
        var kind = KnownKind(challengeType);
        var key = KeyOf(kind, name);
        var now = _time.GetUtcNow();
        if (key is null || (kind == ChallengeTypes.Http01 && _missedTokens.TryGetValue(key, out var until) && until > now))
        {
            return null;
        }

        string? found = null;
        await GuardAsync("look up", async () =>
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var cutoff = (now - MaxAge).UtcDateTime;
            found = await db.AcmeChallenges.AsNoTracking()
                .Where(c => c.Kind == kind && c.Name == key && c.CreatedAt >= cutoff)
                .Select(c => c.KeyAuthorization)
                .FirstOrDefaultAsync(cancellationToken);
            if (found is null && kind == ChallengeTypes.Http01)
            {
                RememberMiss(key, now);
            }
        }, cancellationToken);
        return found;
    }

    /// <inheritdoc />
    public Task RemoveAsync(string challengeType, string name, string keyAuthorization, CancellationToken cancellationToken)
    {
        var kind = KnownKind(challengeType);
        if (KeyOf(kind, name) is not { } key)
        {
            return Task.CompletedTask;
        }

        return GuardAsync("remove", async () =>
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            await db.AcmeChallenges
                .Where(c => c.Kind == kind && c.Name == key && c.KeyAuthorization == keyAuthorization)
                .ExecuteDeleteAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>How a challenge is stored and looked up: the token as is, the host normalized; null when no gateway would look it up.</summary>
    private static string? KeyOf(string kind, string name) =>
        kind == ChallengeTypes.Http01 ? (ChallengeNames.IsToken(name) ? name : null) : ChallengeNames.NormalizeHost(name);

    private static string KnownKind(string challengeType) => challengeType is ChallengeTypes.Http01 or ChallengeTypes.TlsAlpn01
        ? challengeType
        : throw new ArgumentException($"Only {ChallengeTypes.Http01} and {ChallengeTypes.TlsAlpn01} challenges are shared, not '{challengeType}'.", nameof(challengeType));

    private void RememberMiss(string token, DateTimeOffset now)
    {
        if (_missedTokens.Count >= MaxRememberedMisses)
        {
            _missedTokens.Clear();
        }

        _missedTokens[token] = now + TokenMissLifetime;
    }

    /// <summary>Runs one database step; a failure other than cancellation is logged (once while it lasts) and swallowed.</summary>
    private async Task GuardAsync(string action, Func<Task> step, CancellationToken cancellationToken)
    {
        try
        {
            await step();
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                Log.Recovered(_logger);
            }
        }
#pragma warning disable CA1031 // Whatever the database does, a challenge lookup must not fail a request or a handshake.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                Log.Failed(_logger, action, ex.Message);
            }
            else
            {
                Log.StillFailing(_logger, action, ex.Message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "ACME challenges could not be shared through the database ({Action}): {Error}. Until it answers, each gateway answers only the challenges it presented")]
        public static partial void Failed(ILogger logger, string action, string error);

        [LoggerMessage(2, LogLevel.Debug, "ACME challenges still cannot be shared through the database ({Action}): {Error}")]
        public static partial void StillFailing(ILogger logger, string action, string error);

        [LoggerMessage(3, LogLevel.Information, "ACME challenges are shared through the database again")]
        public static partial void Recovered(ILogger logger);
    }
}
