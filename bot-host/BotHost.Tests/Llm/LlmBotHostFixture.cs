using System.Diagnostics.CodeAnalysis;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Llm;

/// <summary>
/// A second bot host, with its own database, configured for an OpenAI-compatible model served by a
/// <see cref="FakeOpenAiServer"/> on loopback. Bravo has the model on (set by plain SQL); acme and mundo-canino do not.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public abstract class LlmBotHostFixture(TestDatabase database) : IAsyncLifetime
{
    /// <summary><c>Llm:TimeoutSeconds</c> of this host.</summary>
    public const int TimeoutSeconds = 1;

    private BotHostFixture? _host;

    public FakeOpenAiServer Model { get; } = new();

    public BotHostFixture Host => _host ?? throw new InvalidOperationException("The bot host has not started.");

    public async Task InitializeAsync()
    {
        await Model.InitializeAsync();
        _host = new BotHostFixture(database, new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "openai",
            ["Llm:Endpoint"] = Model.BaseUrl.ToString(),
            ["Llm:Model"] = "fake",
            ["Llm:ApiKey"] = "test-key",
            ["Llm:TimeoutSeconds"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await _host.InitializeAsync();
        await _host.Sql.ExecuteAsync("UPDATE tenant_clients SET llm_enabled = true WHERE id = @id", ("@id", DemoShops.BravoId));

        // The first model call loads and JITs the OpenAI client and opens its connection; with a 1 s timeout that
        // first call alone could fall back, so one answered call readies the path before any test measures it.
        Model.AnswerWith("La *PlayStation 5* está a $549.990.");
        var warmUp = await _host.SayAsync(DemoShops.BravoId, Shoppers.NewPhone(), "playstation 5");
        Assert.Single(Model.Requests);
        Assert.NotEmpty(warmUp.Text);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Model.DisposeAsync();
    }
}

public sealed class LlmBotHostOnSqlite() : LlmBotHostFixture(new SqliteDatabase());

public sealed class LlmBotHostOnPostgres() : LlmBotHostFixture(new PostgresDatabase());
