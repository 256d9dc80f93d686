using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.TenantCtl;

public sealed class CatalogAndMessageCommandsTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>, IDisposable
{
    private readonly TenantCtlRunner _cli = new(database);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task ProductsImportReadsACsvFileRelativeToTheCallersDirectory()
    {
        await _cli.RunAsync("tenants", "add", "--name", "Importadora", "--slug", "importadora", "--id", "importadora-2024");
        await File.WriteAllTextAsync(_cli.PathInWorkDir("catalogo.csv"), """
            name,price,stock,category
            "Lámpara, de pie",19990,5,Hogar
            Cojín,4990,0,Hogar
            """);

        var result = await _cli.RunAsync("products", "import", "importadora-2024", "catalogo.csv");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Imported 2 product", result.Stdout, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        var lamp = Assert.Single(db.Products, p => p.ClientId == "importadora-2024" && p.Stock == 5);
        Assert.Equal("Lámpara, de pie", lamp.Name);
        Assert.Equal(19990m, lamp.Price);
    }

    [Fact]
    public async Task ProductsImportOfABadFileIsRefusedAndKeepsTheCatalog()
    {
        await _cli.RunAsync("tenants", "add", "--name", "Conservadora", "--slug", "conservadora", "--id", "conservadora-2024");
        await File.WriteAllTextAsync(_cli.PathInWorkDir("bueno.json"), """[{"name":"Original","price":1000,"stock":1}]""");
        await File.WriteAllTextAsync(_cli.PathInWorkDir("malo.csv"), "name,price\nSin stock,1000\n");
        await _cli.RunAsync("products", "import", "conservadora-2024", "bueno.json");

        var badFile = await _cli.RunAsync("products", "import", "conservadora-2024", "malo.csv");
        var missingFile = await _cli.RunAsync("products", "import", "conservadora-2024", "no-existe.csv");

        Assert.Equal(ExitCodes.Refused, badFile.ExitCode);
        Assert.Contains("'stock'", badFile.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, missingFile.ExitCode);
        Assert.Equal(1L, await database.CountAsync("products", "client_id", "conservadora-2024"));
    }

    [Fact]
    public async Task MessagesAreListedNewestFirstUpToTheLimit()
    {
        await _cli.RunAsync("tenants", "add", "--name", "Conversadora", "--slug", "conversadora", "--id", "conversadora-2024");
        foreach (var body in new[] { "primer mensaje", "segundo mensaje", "tercer mensaje" })
        {
            await database.ExecuteAsync(
                "INSERT INTO messages (tenant_id, direction, channel, phone, body) VALUES ('conversadora-2024', 'inbound', 'twilio', '+56922222222', @body)",
                ("@body", body));
        }

        var result = await _cli.RunAsync("messages", "list", "conversadora-2024", "--limit", "2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var third = result.Stdout.IndexOf("tercer mensaje", StringComparison.Ordinal);
        var second = result.Stdout.IndexOf("segundo mensaje", StringComparison.Ordinal);
        Assert.InRange(third, 0, second);
        Assert.DoesNotContain("primer mensaje", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTenantIsRefusedWithExitCodeOne()
    {
        var result = await _cli.RunAsync("messages", "list", "no-existe-2024");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("no-existe-2024", result.Stderr, StringComparison.Ordinal);
    }
}
