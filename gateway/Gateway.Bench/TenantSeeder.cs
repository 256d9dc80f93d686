using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sintestesia.Gateway.Bench;

/// <summary>Writes tenants the way an operator's plain SQL would: only the columns without defaults.</summary>
internal static class TenantSeeder
{
    /// <summary>Adds <c>bench-NNNNNN</c> tenants until the table holds <paramref name="total"/>, in one transaction.</summary>
    public static async Task<int> SeedAsync(string database, int total)
    {
        await using var connection = await OpenAsync(database);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM tenant_clients";
        var existing = Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO tenant_clients (id, name, slug) VALUES ($id, $name, $slug)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var slug = insert.Parameters.Add("$slug", SqliteType.Text);
        await insert.PrepareAsync();
        for (var i = existing + 1; i <= total; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"bench-{i:D6}");
            id.Value = key;
            slug.Value = key;
            name.Value = string.Create(CultureInfo.InvariantCulture, $"Bench shop {i}");
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        Console.WriteLine($"tenants: {Math.Max(existing, total)} ({Math.Max(0, total - existing)} added)");
        return 0;
    }

    /// <summary>The body of nginx's <c>map $host $tenant_id</c>: one line per active tenant.</summary>
    public static async Task<int> PrintNginxMapAsync(string database, string baseDomain, TextWriter output)
    {
        await using var connection = await OpenAsync(database);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, slug FROM tenant_clients WHERE status = 'active' ORDER BY slug";
        await using var rows = await select.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            var (id, slug) = (rows.GetString(0), rows.GetString(1));
            // nginx's config syntax would choke on quotes, spaces or semicolons; the gateway refuses such rows too.
            if (IsPlain(id) && IsPlain(slug))
            {
                await output.WriteLineAsync($"    {slug}.{baseDomain} {id};");
            }
        }

        return 0;
    }

    public static async Task<SqliteConnection> OpenAsync(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static bool IsPlain(string value) => value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
