using System.CommandLine;
using Sintestesia.TenantConfig.Administration;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.TenantCtl.Configuration;

/// <summary>One command's database context and the administration operations over it.</summary>
internal sealed class AdminSession : IAsyncDisposable
{
    private AdminSession(TenantDbContext db, TenantAdministration admin)
    {
        Db = db;
        Admin = admin;
    }

    public TenantDbContext Db { get; }

    public TenantAdministration Admin { get; }

    /// <summary>Only commands that write Twilio tokens (<paramref name="storesSecrets"/>) need the secret key.</summary>
    public static AdminSession Open(ParseResult parseResult, bool storesSecrets)
    {
        var secrets = storesSecrets ? SecretKey.FromEnvironment() : SecretKey.Unused();
        var db = DatabaseConnection.CreateContext(parseResult);
        return new AdminSession(db, new TenantAdministration(db, secrets, TimeProvider.System));
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
