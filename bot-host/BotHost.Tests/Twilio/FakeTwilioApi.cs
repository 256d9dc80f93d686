using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sintestesia.Testing;

namespace Sintestesia.BotHost.Tests.Twilio;

/// <summary>One call the fake received: the account in its path, the Basic credentials and the form.</summary>
public sealed record TwilioApiCall(string AccountSid, string User, string Password, IReadOnlyDictionary<string, string> Form, int Status, string? Sid)
{
    public string? this[string name] => Form.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Twilio's REST API as far as sending messages goes, on a real loopback port:
/// <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c> answers 201 with a message resource like Twilio's, or
/// — scripted per recipient — fails with an HTTP error a number of times first. Every call is recorded.
/// </summary>
public sealed class FakeTwilioApi : IAsyncLifetime
{
    private readonly ConcurrentQueue<TwilioApiCall> _calls = new();
    private readonly ConcurrentDictionary<string, (int Left, int Status)> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hangs = new(StringComparer.Ordinal);
    private readonly Lock _arrivalLock = new();
    private TaskCompletionSource _arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1");

    public IReadOnlyList<TwilioApiCall> Calls => [.. _calls];

    /// <summary>The calls sending to <paramref name="to"/> (e.g. <c>whatsapp:+569…</c>), failed ones included.</summary>
    public IReadOnlyList<TwilioApiCall> CallsTo(string to) => [.. _calls.Where(c => c["To"] == to)];

    /// <summary>The next <paramref name="times"/> calls sending to <paramref name="to"/> fail with <paramref name="status"/>.</summary>
    public void FailFor(string to, int times, int status = StatusCodes.Status500InternalServerError) => _failures[to] = (times, status);

    /// <summary>The next <paramref name="times"/> calls sending to <paramref name="to"/> get no answer until the caller gives up.</summary>
    public void HangFor(string to, int times) => _hangs[to] = times;

    /// <summary>Waits until at least <paramref name="count"/> calls send to <paramref name="to"/>, and returns them.</summary>
    public async Task<IReadOnlyList<TwilioApiCall>> WaitForCallsAsync(string to, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            Task arrival;
            lock (_arrivalLock)
            {
                arrival = _arrival.Task;
            }

            var calls = CallsTo(to);
            if (calls.Count >= count)
            {
                return calls;
            }

            try
            {
                await arrival.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The fake Twilio API got {calls.Count} of {count} expected calls to {to} in time.");
            }
        }
    }

    public async Task InitializeAsync()
    {
        var port = LoopbackPorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", CreateMessageAsync);
        await _app.StartAsync();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> CreateMessageAsync(string accountSid, HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        var (user, password) = BasicCredentials(request.Headers.Authorization.ToString());
        var to = form.GetValueOrDefault("To", string.Empty);
        if (_hangs.TryGetValue(to, out var hangs) && hangs > 0)
        {
            _hangs[to] = hangs - 1;
            Record(new TwilioApiCall(accountSid, user, password, form, StatusCodes.Status504GatewayTimeout, null));
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, request.HttpContext.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The caller gave up, as it should.
            }

            return TypedResults.Empty;
        }

        if (_failures.TryGetValue(to, out var failure) && failure.Left > 0)
        {
            _failures[to] = (failure.Left - 1, failure.Status);
            Record(new TwilioApiCall(accountSid, user, password, form, failure.Status, null));
            return TypedResults.Json(new { code = 20500, message = "Internal Server Error (scripted)", more_info = "https://www.twilio.com/docs/errors/20500", status = failure.Status },
                statusCode: failure.Status);
        }

        var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Record(new TwilioApiCall(accountSid, user, password, form, StatusCodes.Status201Created, sid));
        return TypedResults.Json(new Dictionary<string, object?>
        {
            ["sid"] = sid, ["account_sid"] = accountSid, ["to"] = to, ["from"] = form.GetValueOrDefault("From"),
            ["messaging_service_sid"] = form.GetValueOrDefault("MessagingServiceSid"), ["body"] = form.GetValueOrDefault("Body", string.Empty),
            ["status"] = "queued", ["direction"] = "outbound-api", ["num_media"] = "0", ["num_segments"] = "1", ["api_version"] = "2010-04-01",
            ["price"] = null, ["error_code"] = null, ["error_message"] = null,
            ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json",
        }, statusCode: StatusCodes.Status201Created);
    }

    private void Record(TwilioApiCall call)
    {
        _calls.Enqueue(call);
        lock (_arrivalLock)
        {
            _arrival.TrySetResult();
            _arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private static (string User, string Password) BasicCredentials(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return (string.Empty, string.Empty);
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (decoded, string.Empty) : (decoded[..colon], decoded[(colon + 1)..]);
    }

}
