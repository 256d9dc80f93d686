using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantConfig.Tests.Infrastructure;

/// <summary>
/// A real, migrated database of one provider, for test bases that run against every provider. Plain SQL goes
/// through a bare ADO.NET connection, the way an outside tool would write; name parameters <c>@name</c>, which both
/// providers understand.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    /// <summary><see cref="DatabaseOptions.Sqlite"/> or <see cref="DatabaseOptions.Postgres"/>.</summary>
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public TenantDbContext CreateContext() => DatabaseRegistration.CreateContext(Provider, ConnectionString);

    public IDbContextFactory<TenantDbContext> CreateContextFactory() => DatabaseRegistration.CreateContextFactory(Provider, ConnectionString);

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>A boolean column read the same on both (SQLite answers 0/1, PostgreSQL true/false).</summary>
    public async Task<bool> FlagAsync(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToBoolean(await ScalarAsync(sql, parameters), CultureInfo.InvariantCulture);

    public async Task<long> CountAsync(string table, string tenantColumn, string tenantId) =>
        Convert.ToInt64(await ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE {tenantColumn} = @id", ("@id", tenantId)), CultureInfo.InvariantCulture);

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    protected abstract Task<DbConnection> OpenConnectionAsync();

    protected async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await DatabaseMigrator.MigrateAsync(db);
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
