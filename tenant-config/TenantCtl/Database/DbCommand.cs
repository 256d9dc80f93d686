using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Seed;
using Sintestesia.TenantCtl.Configuration;

namespace Sintestesia.TenantCtl.Database;

internal static class DbCommand
{
    public static Command Create()
    {
        var seedDemo = new Option<bool>("--seed-demo")
        {
            Description = "Also create the demo tenants (acme, bravo, mundo-canino) when missing; needs the secret key.",
        };
        var migrate = new Command("migrate", "Create or upgrade the database schema.");
        migrate.Options.Add(seedDemo);
        migrate.SetGuardedAction(async (parseResult, ct) =>
        {
            var seed = parseResult.GetValue(seedDemo);
            await using var session = AdminSession.Open(parseResult, storesSecrets: seed);
            var pending = (await session.Db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await DatabaseMigrator.MigrateAsync(session.Db, ct);
            var connection = session.Db.Database.GetDbConnection();
            var where = session.Db.Database.IsNpgsql() ? $"{connection.DataSource}/{connection.Database}" : connection.DataSource;
            Console.WriteLine(pending.Count == 0
                ? $"Database {where} was already up to date."
                : $"Database {where}: applied {pending.Count} migration(s): {string.Join(", ", pending)}.");

            if (seed)
            {
                var created = await DemoSeed.ApplyAsync(session.Admin, ct);
                Console.WriteLine(created.Count == 0
                    ? "Demo tenants were already present; nothing changed."
                    : $"Demo tenants created: {string.Join(", ", created)}.");
            }

            return ExitCodes.Ok;
        });

        var db = new Command("db", "Database schema and demo data.");
        db.Subcommands.Add(migrate);
        return db;
    }
}
