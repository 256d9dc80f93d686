using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Sintestesia.Certs;
using Sintestesia.TenantConfig.Certificates;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Certificates;

/// <summary>Challenges shared through a fresh migrated database per test; each store stands for one gateway.</summary>
public abstract class DatabaseChallengeStoreTests(TestDatabase database) : IAsyncLifetime
{
    private const string Http01 = ChallengeTypes.Http01;
    private const string TlsAlpn01 = ChallengeTypes.TlsAlpn01;
    private const string Host = "acme.sintestesia.cl";
    private const string Token = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    private const string KeyAuthorization = Token + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";

    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task AChallengeOneGatewaySavesIsFoundByAnotherUntilItIsRemoved()
    {
        var ordering = Store();
        var validating = Store();

        await ordering.SaveAsync(Http01, Token, KeyAuthorization, None);
        await ordering.SaveAsync(TlsAlpn01, Host, "host." + KeyAuthorization, None);

        Assert.Equal(KeyAuthorization, await validating.FindAsync(Http01, Token, None));
        Assert.Equal("host." + KeyAuthorization, await validating.FindAsync(TlsAlpn01, "ACME.sintestesia.cl.", None));
        Assert.Null(await validating.FindAsync(TlsAlpn01, Token, None));
        await ordering.RemoveAsync(Http01, Token, KeyAuthorization, None);
        await ordering.RemoveAsync(TlsAlpn01, Host, "host." + KeyAuthorization, None);
        Assert.Null(await Store().FindAsync(Http01, Token, None));
        Assert.Null(await validating.FindAsync(TlsAlpn01, Host, None));
        Assert.Equal(0L, await RowsAsync());
    }

    [Fact]
    public async Task SavingTheSameHostAgainReplacesItsKeyAuthorizationAndRemovingTheOldOneLeavesTheNew()
    {
        var first = Store();
        var second = Store();
        await first.SaveAsync(TlsAlpn01, Host, "old.thumbprint", None);

        await second.SaveAsync(TlsAlpn01, Host, KeyAuthorization, None);
        await first.RemoveAsync(TlsAlpn01, Host, "old.thumbprint", None);

        Assert.Equal(KeyAuthorization, await Store().FindAsync(TlsAlpn01, Host, None));
        Assert.Equal(1L, await RowsAsync());
    }

    [Theory]
    [InlineData(Http01, "too-short")]
    [InlineData(Http01, "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ/PCt92wr-oA")]
    [InlineData(Http01, "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ'PCt92wr-oA")]
    [InlineData(Http01, "")]
    [InlineData(TlsAlpn01, "*.sintestesia.cl")]
    [InlineData(TlsAlpn01, "acme.sintestesia.cl'--")]
    [InlineData(TlsAlpn01, "a..sintestesia.cl")]
    public async Task ANameThatCannotBeATokenOrHostIsRefusedWithoutAQuery(string type, string name)
    {
        var contexts = new CountingContextFactory(database.CreateContextFactory());
        var store = new DatabaseChallengeStore(contexts, _time);

        Assert.Null(await store.FindAsync(type, name, None));
        Assert.Null(await store.FindAsync(Http01, new string('a', ChallengeNames.MaxTokenLength + 1), None));
        Assert.Equal(0, contexts.Created);
    }

    [Fact]
    public async Task AChallengeOlderThanAnHourIsIgnoredAndTheNextSaveDeletesIt()
    {
        var store = Store();
        await store.SaveAsync(Http01, Token, KeyAuthorization, None);

        _time.Advance(DatabaseChallengeStore.MaxAge + TimeSpan.FromMinutes(1));

        Assert.Null(await Store().FindAsync(Http01, Token, None));
        await store.SaveAsync(TlsAlpn01, Host, KeyAuthorization, None);
        Assert.Equal(1L, await RowsAsync());
        Assert.Equal(KeyAuthorization, await Store().FindAsync(TlsAlpn01, Host, None));
    }

    [Fact]
    public async Task ATokenNotFoundIsNotLookedUpAgainForAWhileButAHostIs()
    {
        var contexts = new CountingContextFactory(database.CreateContextFactory());
        var validating = new DatabaseChallengeStore(contexts, _time);

        Assert.Null(await validating.FindAsync(Http01, Token, None));
        Assert.Null(await validating.FindAsync(Http01, Token, None));
        Assert.Equal(1, contexts.Created);

        // A host can be named before its challenge exists: the lookup right after it is saved must find it.
        Assert.Null(await validating.FindAsync(TlsAlpn01, Host, None));
        await Store().SaveAsync(TlsAlpn01, Host, KeyAuthorization, None);
        Assert.Equal(KeyAuthorization, await validating.FindAsync(TlsAlpn01, Host, None));

        _time.Advance(TimeSpan.FromMinutes(1));
        await Store().SaveAsync(Http01, Token, KeyAuthorization, None);
        Assert.Equal(KeyAuthorization, await validating.FindAsync(Http01, Token, None));
    }

    [Fact]
    public async Task ADatabaseErrorMeansNoChallengeAndIsLoggedOnceUntilTheDatabaseAnswersAgain()
    {
        var logger = new RecordingLogger<DatabaseChallengeStore>();
        var store = new DatabaseChallengeStore(database.CreateContextFactory(), _time, logger);
        await database.ExecuteAsync("ALTER TABLE acme_challenges RENAME TO acme_challenges_away");

        await store.SaveAsync(Http01, Token, KeyAuthorization, None);
        Assert.Null(await store.FindAsync(Http01, Token, None));
        Assert.Null(await store.FindAsync(TlsAlpn01, Host, None));
        await store.RemoveAsync(Http01, Token, KeyAuthorization, None);

        await database.ExecuteAsync("ALTER TABLE acme_challenges_away RENAME TO acme_challenges");
        await store.SaveAsync(TlsAlpn01, Host, KeyAuthorization, None);
        Assert.Equal(KeyAuthorization, await store.FindAsync(TlsAlpn01, Host, None));
        Assert.Equal([LogLevel.Warning, LogLevel.Information], logger.Entries.Select(e => e.Level));
        Assert.Contains("could not be shared", logger.Entries[0].Message, StringComparison.Ordinal);
    }

    private DatabaseChallengeStore Store() => new(database.CreateContextFactory(), _time);

    private async Task<long> RowsAsync() =>
        Convert.ToInt64(await database.ScalarAsync("SELECT COUNT(*) FROM acme_challenges"), CultureInfo.InvariantCulture);
}

public sealed class DatabaseChallengeStoreOnSqliteTests() : DatabaseChallengeStoreTests(new SqliteDatabase());

public sealed class DatabaseChallengeStoreOnPostgresTests() : DatabaseChallengeStoreTests(new PostgresDatabase());
