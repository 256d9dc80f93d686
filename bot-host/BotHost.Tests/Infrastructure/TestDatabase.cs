using System.Data.Common;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>
/// A real database of one provider, migrated like production and deleted afterwards, for bot hosts whose tests run
/// against every provider. Plain SQL goes through a bare ADO.NET connection, the way an outside tool would write;
/// name parameters <c>@name</c>, which both providers understand.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary><see cref="DatabaseOptions.Sqlite"/> or <see cref="DatabaseOptions.Postgres"/>, as <c>Database:Provider</c> says it.</summary>
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public TenantDbContext CreateContext() => DatabaseRegistration.CreateContext(Provider, ConnectionString);

    /// <summary>Creates the database and applies the platform's migrations.</summary>
    public abstract Task CreateAsync();

    public abstract ValueTask DisposeAsync();

    public abstract Task<DbConnection> OpenConnectionAsync();

    /// <summary>
    /// An SQL expression for the timestamp <paramref name="column"/> moved back by as many seconds as
    /// <paramref name="secondsParameter"/> holds; each provider does date arithmetic its own way.
    /// </summary>
    public abstract string SecondsEarlier(string column, string secondsParameter);

    /// <summary>
    /// Makes the database refuse new rows of <paramref name="table"/> whose <paramref name="column"/> holds
    /// <paramref name="value"/>, as a constraint would, until the returned change is disposed.
    /// </summary>
    public async Task<IAsyncDisposable> RefuseRowsAsync(string table, string column, string value)
    {
        var name = $"refuse_{Guid.NewGuid():N}";
        var (create, drop) = RefusingTrigger(name, table, $"NEW.{column} = '{value.Replace("'", "''", StringComparison.Ordinal)}'");
        await ExecuteAsync(create);
        return new Undo(() => ExecuteAsync(drop));
    }

    /// <summary>SQL creating a trigger <paramref name="name"/> that fails inserts into <paramref name="table"/> when <paramref name="condition"/> holds, and SQL dropping it.</summary>
    protected abstract (string Create, string Drop) RefusingTrigger(string name, string table, string condition);

    protected async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await DatabaseMigrator.MigrateAsync(db);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Undo(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }
}
