using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Sintestesia.BotHost.Tests.Infrastructure;
using Sintestesia.BotHost.Tests.Llm;

namespace Sintestesia.BotHost.Tests.Twilio;

/// <summary>
/// A bot host of its own (own database) whose Twilio REST calls go to a <see cref="FakeTwilioApi"/> and whose model
/// is a <see cref="FakeOpenAiServer"/>, both on loopback; bravo has the model on, so a slow model makes bravo's
/// answers late. The real Twilio SDK runs: only the host of its URLs is rewritten (<c>Twilio:ApiBaseUrl</c>).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public abstract class TwilioBotHostFixture(TestDatabase database) : IAsyncLifetime
{
    /// <summary><c>Twilio:ReplyBudgetSeconds</c> of this host.</summary>
    public const double ReplyBudgetSeconds = 2;

    /// <summary><c>Twilio:AttemptTimeoutSeconds</c> of this host.</summary>
    public const int AttemptTimeoutSeconds = 1;

    public const string BravoAccountSid = "AC8e27b4d19c0f5a36e2d7c1b90a4f6e83";
    public const string BravoNumber = "+14155238887";
    public const string AcmeAccountSid = "AC3f9a1c7e2b5d4086a1f0e9c8b7d6a512";
    public const string AcmeNumber = "+14155238886";
    public const string Ps5Answer = "La *PlayStation 5* está a $549.990.";

    private BotHostFixture? _host;

    public FakeTwilioApi TwilioApi { get; } = new();

    public FakeOpenAiServer Model { get; } = new();

    public BotHostFixture Host => _host ?? throw new InvalidOperationException("The bot host has not started.");

    public async Task InitializeAsync()
    {
        await Task.WhenAll(TwilioApi.InitializeAsync(), Model.InitializeAsync());
        _host = new BotHostFixture(database, new Dictionary<string, string?>
        {
            ["Twilio:ApiBaseUrl"] = TwilioApi.BaseUrl.ToString(),
            ["Twilio:ReplyBudgetSeconds"] = ReplyBudgetSeconds.ToString(CultureInfo.InvariantCulture),
            ["Twilio:RetryDelayMilliseconds"] = "20",
            ["Twilio:AttemptTimeoutSeconds"] = AttemptTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            ["Llm:Provider"] = "openai",
            ["Llm:Endpoint"] = Model.BaseUrl.ToString(),
            ["Llm:Model"] = "fake",
            ["Llm:ApiKey"] = "test-key",
            ["Llm:TimeoutSeconds"] = "10",
        });
        await _host.InitializeAsync();
        await _host.Sql.ExecuteAsync("UPDATE tenant_clients SET llm_enabled = true WHERE id = @id", ("@id", DemoShops.BravoId));

        // Readies the model client and the TwiML path, so no later test's budget pays for the first call's start-up.
        Model.AnswerWith(Ps5Answer);
        Assert.NotEmpty((await _host.SayAsync(DemoShops.BravoId, Shoppers.NewPhone(), "playstation 5")).Text);
        Assert.NotNull(await _host.SayToAcmeOnTwilioAsync(Shoppers.NewPhone(), "hola"));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Task.WhenAll(TwilioApi.DisposeAsync(), Model.DisposeAsync());
    }
}

public sealed class TwilioBotHostOnSqlite() : TwilioBotHostFixture(new SqliteDatabase());

public sealed class TwilioBotHostOnPostgres() : TwilioBotHostFixture(new PostgresDatabase());

/// <summary>The Twilio outbound tests' SQLite variants share one <see cref="TwilioBotHostOnSqlite"/> and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OneTwilioBotHostOnSqlite : ICollectionFixture<TwilioBotHostOnSqlite>
{
    public const string Name = "Twilio bot host on SQLite";
}

/// <summary>The Twilio outbound tests' PostgreSQL variants share one <see cref="TwilioBotHostOnPostgres"/> and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OneTwilioBotHostOnPostgres : ICollectionFixture<TwilioBotHostOnPostgres>
{
    public const string Name = "Twilio bot host on PostgreSQL";
}
