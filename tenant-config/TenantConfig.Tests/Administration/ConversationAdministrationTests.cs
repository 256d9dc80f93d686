using System.Globalization;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Administration;

/// <summary>
/// Listing shoppers' conversations and releasing hand-offs; rows are written by plain SQL, as a bot host would leave them.
/// One database for the class; every test works on tenants of its own.
/// </summary>
public abstract class ConversationAdministrationTests(TestDatabase database)
{
    private const string Memory = """{"last_product":"p-1"}""";

    private readonly SecretProtector _secrets = TestKeys.NewProtector();

    [Fact]
    public async Task ReleaseClearsTheHandOffAndLeavesOptOutMemoryAndTimeAlone()
    {
        var id = await CreateAsync("suelta-handoff");
        await SeedAsync(id, "+56911110001", At(10, 0), handoff: true, optedOut: true);
        await SeedAsync(id, "+56911110002", At(10, 5), handoff: true, optedOut: false);
        await using var db = database.CreateContext();

        var result = await Admin(db).ReleaseConversationAsync(id, "+56911110001", CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal(new ConversationRecord("+56911110001", Handoff: false, OptedOut: true, At(10, 0)), result.Value);
        Assert.Equal((false, true, Memory, At(10, 0)), await RowAsync(id, "+56911110001"));
        Assert.True((await RowAsync(id, "+56911110002")).Handoff);
    }

    [Theory]
    [InlineData("+56922220001", "whatsapp:+56922220001")]
    [InlineData("whatsapp:+56922220002", "+56922220002")]
    [InlineData("+56 9 2222-0003", "+56922220003")]
    [InlineData("+56922220004", "  +56 9 2222 0004 ")]
    public async Task ReleaseComparesPhonesInCanonicalForm(string stored, string given)
    {
        var id = await CreateAsync($"canonico-{stored[^1]}");
        await SeedAsync(id, stored, At(11, 0), handoff: true, optedOut: false);
        await using var db = database.CreateContext();

        var result = await Admin(db).ReleaseConversationAsync(id, given, CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal(stored, result.Value!.Phone);
        Assert.False((await RowAsync(id, stored)).Handoff);
    }

    [Fact]
    public async Task ReleaseInOneShopLeavesTheSameShopperInAnotherShopWaiting()
    {
        var mine = await CreateAsync("suelta-mia");
        var theirs = await CreateAsync("suelta-ajena");
        await SeedAsync(mine, "+56933330001", At(12, 0), handoff: true, optedOut: false);
        await SeedAsync(theirs, "+56933330001", At(12, 0), handoff: true, optedOut: false);
        await using var db = database.CreateContext();

        await Admin(db).ReleaseConversationAsync(mine, "+56933330001", CancellationToken.None);

        Assert.False((await RowAsync(mine, "+56933330001")).Handoff);
        Assert.True((await RowAsync(theirs, "+56933330001")).Handoff);
    }

    [Fact]
    public async Task ReleaseOfAConversationThatDoesNotExistIsRefusedWithASentence()
    {
        var id = await CreateAsync("suelta-nada");
        await SeedAsync(id, "+56944440001", At(12, 0), handoff: true, optedOut: false);
        await using var db = database.CreateContext();
        var admin = Admin(db);

        var unknownPhone = await admin.ReleaseConversationAsync(id, "+56944449999", CancellationToken.None);
        var unknownTenant = await admin.ReleaseConversationAsync("no-existe-2024", "+56944440001", CancellationToken.None);
        var notAPhone = await admin.ReleaseConversationAsync(id, "whatsapp:", CancellationToken.None);

        Assert.Equal(AdminErrorKind.NotFound, unknownPhone.Error?.Kind);
        Assert.Contains("+56944449999", unknownPhone.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(AdminErrorKind.NotFound, unknownTenant.Error?.Kind);
        Assert.Contains("no-existe-2024", unknownTenant.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(AdminErrorKind.Invalid, notAPhone.Error?.Kind);
        Assert.True((await RowAsync(id, "+56944440001")).Handoff);
    }

    [Fact]
    public async Task ListFiltersByStateMostRecentlyActiveFirst()
    {
        var id = await CreateAsync("lista-estados");
        await SeedAsync(id, "+56955550001", At(9, 0), handoff: true, optedOut: false);
        await SeedAsync(id, "+56955550002", At(10, 0), handoff: false, optedOut: true);
        await SeedAsync(id, "+56955550003", At(11, 0), handoff: true, optedOut: true);
        await SeedAsync(id, "+56955550004", At(12, 0), handoff: false, optedOut: false);
        var other = await CreateAsync("lista-otra");
        await SeedAsync(other, "+56955550005", At(13, 0), handoff: true, optedOut: true);
        await using var db = database.CreateContext();

        Assert.Equal(["0003", "0001"], await PhonesAsync(Admin(db), id, ConversationStates.Handoff, 50));
        Assert.Equal(["0003", "0002"], await PhonesAsync(Admin(db), id, ConversationStates.OptedOut, 50));
        Assert.Equal(["0004", "0003", "0002", "0001"], await PhonesAsync(Admin(db), id, ConversationStates.All, 50));
        Assert.Equal(["0004", "0003", "0002", "0001"], await PhonesAsync(Admin(db), id, null, 50));
        Assert.Equal(["0004", "0003"], await PhonesAsync(Admin(db), id, ConversationStates.All, 2));
    }

    [Fact]
    public async Task ListWithAnUnknownStateOrTenantIsRefused()
    {
        var id = await CreateAsync("lista-mala");
        await using var db = database.CreateContext();

        var badState = await Admin(db).ListConversationsAsync(id, "waiting", 50, CancellationToken.None);
        var unknownTenant = await Admin(db).ListConversationsAsync("no-existe-2024", ConversationStates.All, 50, CancellationToken.None);

        Assert.Equal(AdminErrorKind.Invalid, badState.Error?.Kind);
        Assert.Contains("'waiting'", badState.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(AdminErrorKind.NotFound, unknownTenant.Error?.Kind);
    }

    private static async Task<List<string>> PhonesAsync(TenantAdministration admin, string id, string? state, int limit)
    {
        var result = await admin.ListConversationsAsync(id, state, limit, CancellationToken.None);
        Assert.Null(result.Error);
        return [.. result.Value!.Select(c => c.Phone[^4..])];
    }

    /// <summary>A moment of 15 June 2024, in UTC as the bot hosts store it.</summary>
    private static DateTime At(int hour, int minute) => new(2024, 6, 15, hour, minute, 0, DateTimeKind.Utc);

    private Task<int> SeedAsync(string tenantId, string phone, DateTime updatedAt, bool handoff, bool optedOut) => database.ExecuteAsync(
        "INSERT INTO conversations (tenant_id, phone, state, updated_at, handoff, opted_out) VALUES (@t, @p, @s, @u, @h, @o)",
        ("@t", tenantId), ("@p", phone), ("@s", Memory), ("@u", updatedAt), ("@h", handoff), ("@o", optedOut));

    /// <summary>The row as plain SQL reads it; SQLite answers flags as 0/1 and times as text, PostgreSQL as booleans and timestamps.</summary>
    private async Task<(bool Handoff, bool OptedOut, string State, DateTime UpdatedAt)> RowAsync(string tenantId, string phone)
    {
        (string, object)[] key = [("@t", tenantId), ("@p", phone)];
        const string where = " FROM conversations WHERE tenant_id = @t AND phone = @p";
        return (await database.FlagAsync("SELECT handoff" + where, key),
            await database.FlagAsync("SELECT opted_out" + where, key),
            (string)(await database.ScalarAsync("SELECT state" + where, key))!,
            Convert.ToDateTime(await database.ScalarAsync("SELECT updated_at" + where, key), CultureInfo.InvariantCulture));
    }

    private async Task<string> CreateAsync(string slug)
    {
        await using var db = database.CreateContext();
        var created = await Admin(db).CreateAsync($"Tienda {slug}", slug, id: null, CancellationToken.None);
        Assert.Null(created.Error);
        return created.Value!.Id;
    }

    private TenantAdministration Admin(TenantDbContext db) => new(db, _secrets, FixedTimeProvider.Mid2024);
}

public sealed class ConversationAdministrationOnSqliteTests(SqliteDatabase database)
    : ConversationAdministrationTests(database), IClassFixture<SqliteDatabase>;

public sealed class ConversationAdministrationOnPostgresTests(PostgresDatabase database)
    : ConversationAdministrationTests(database), IClassFixture<PostgresDatabase>;
