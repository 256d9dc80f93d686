using System.Diagnostics.CodeAnalysis;
using Sintestesia.BotHost.Tests.Infrastructure;
using Sintestesia.TenantConfig.Administration;

namespace Sintestesia.BotHost.Tests.Meta;

/// <summary>
/// A bot host with its own database whose replies to Meta go to a <see cref="FakeGraphApi"/> on loopback. Acme and
/// bravo get Meta numbers through <see cref="TenantAdministration.SetMetaAsync"/>, as the admin API and tenantctl do.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public abstract class MetaBotHostFixture(TestDatabase database) : IAsyncLifetime
{
    private BotHostFixture? _host;

    public FakeGraphApi Graph { get; } = new();

    public BotHostFixture Host => _host ?? throw new InvalidOperationException("The bot host has not started.");

    public async Task InitializeAsync()
    {
        await Graph.InitializeAsync();
        _host = new BotHostFixture(database, new Dictionary<string, string?>
        {
            ["Meta:GraphBaseUrl"] = Graph.BaseUrl.ToString(),
            ["Meta:RetryDelayMilliseconds"] = "20",
        });
        await _host.InitializeAsync();
        foreach (var shop in new[] { MetaShops.Acme, MetaShops.Bravo })
        {
            await using var db = _host.CreateContext();
            var set = await new TenantAdministration(db, _host.Protector, TimeProvider.System).SetMetaAsync(
                shop.TenantId, shop.PhoneNumberId, "+56 2 2345 6789", shop.VerifyToken, shop.AppSecret, shop.AccessToken, default);
            Assert.True(set.Succeeded, set.Error?.Message);
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Graph.DisposeAsync();
    }
}

public sealed class MetaBotHostOnSqlite() : MetaBotHostFixture(new SqliteDatabase());

public sealed class MetaBotHostOnPostgres() : MetaBotHostFixture(new PostgresDatabase());

/// <summary>Every Meta test class's SQLite variant shares one bot host and one fake Graph API, one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OneMetaBotHostOnSqlite : ICollectionFixture<MetaBotHostOnSqlite>
{
    public const string Name = "Meta bot host on SQLite";
}

/// <summary>Every Meta test class's PostgreSQL variant shares one bot host and one fake Graph API, one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OneMetaBotHostOnPostgres : ICollectionFixture<MetaBotHostOnPostgres>
{
    public const string Name = "Meta bot host on PostgreSQL";
}
