using System.Data.Common;
using Npgsql;
using Sintestesia.TenantConfig.Data;
using Sintestesia.Testing;

namespace Sintestesia.TenantConfig.Tests.Infrastructure;

/// <summary>
/// A database of its own on the PostgreSQL server <c>scripts/test.sh</c> starts on loopback
/// (<see cref="PostgresTestServer"/>), migrated like production and dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : TestDatabase
{
    private readonly bool _migrate;
    private readonly string _name = $"tenantconfig_tests_{Guid.NewGuid():N}";
    private string? _connectionString;

    public PostgresDatabase()
        : this(migrate: true)
    {
    }

    private PostgresDatabase(bool migrate) => _migrate = migrate;

    public override string Provider => DatabaseOptions.Postgres;

    public override string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The PostgreSQL test database is not created yet.");

    /// <summary>An empty database, for tests of migrating from nothing.</summary>
    public static PostgresDatabase Unmigrated() => new(migrate: false);

    public override async Task InitializeAsync()
    {
        _connectionString = await PostgresTestServer.CreateDatabaseAsync(_name);
        if (_migrate)
        {
            await MigrateAsync();
        }
    }

    public override async Task DisposeAsync()
    {
        if (_connectionString is not null)
        {
            await PostgresTestServer.DropDatabaseAsync(_connectionString);
        }
    }

    protected override async Task<DbConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
