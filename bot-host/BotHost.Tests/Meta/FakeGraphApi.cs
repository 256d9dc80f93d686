using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sintestesia.Testing;

namespace Sintestesia.BotHost.Tests.Meta;

/// <summary>
/// Meta's Graph API as far as sending WhatsApp messages goes, on a real loopback port: it records every request and
/// answers <c>{"messages":[{"id":"wamid.…"}]}</c>, or the scripted failures first.
/// </summary>
public sealed class FakeGraphApi : IAsyncLifetime
{
    private readonly ConcurrentQueue<GraphRequest> _requests = new();
    private readonly ConcurrentQueue<int> _failures = new();
    private WebApplication? _app;
    private int _sent;

    /// <summary>The value for <c>Meta:GraphBaseUrl</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1");

    public IReadOnlyList<GraphRequest> Requests => [.. _requests];

    /// <summary>The next <paramref name="times"/> requests get <paramref name="status"/> with Meta's error body.</summary>
    public void FailNext(int status, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _failures.Enqueue(status);
        }
    }

    public IReadOnlyList<GraphRequest> To(string waId) => [.. Requests.Where(r => r.To == waId)];

    /// <summary>Waits until <paramref name="count"/> requests for <paramref name="waId"/> arrived, and returns them.</summary>
    public async Task<IReadOnlyList<GraphRequest>> WaitForAsync(string waId, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (To(waId).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The Graph API received {To(waId).Count} of {count} expected message(s) for {waId}.");
            await Task.Delay(20);
        }

        return To(waId);
    }

    public async Task InitializeAsync()
    {
        var port = LoopbackPorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.MapPost("/{version}/{phoneNumberId}/messages", AnswerAsync);
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

    private async Task AnswerAsync(HttpContext context, string version, string phoneNumberId)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var failure = _failures.TryDequeue(out var status) ? status : (int?)null;
        var wamid = failure is null ? $"wamid.OUT{Interlocked.Increment(ref _sent):D6}" : null;
        _requests.Enqueue(new GraphRequest(version, phoneNumberId, context.Request.Headers.Authorization.ToString(), body, failure ?? 200, wamid));
        if (failure is { } code)
        {
            context.Response.StatusCode = code;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "Scripted failure", type = "OAuthException", code = 131000, fbtrace_id = "Afake" } });
            return;
        }

        using var json = JsonDocument.Parse(body);
        var to = json.RootElement.GetProperty("to").GetString();
        await context.Response.WriteAsJsonAsync(new
        {
            messaging_product = "whatsapp",
            contacts = new[] { new { input = to, wa_id = to } },
            messages = new[] { new { id = wamid } },
        });
    }

}

/// <summary>One request the fake received; <see cref="Wamid"/> is what it answered (null for a scripted failure).</summary>
public sealed record GraphRequest(string Version, string PhoneNumberId, string Authorization, string Body, int Status, string? Wamid)
{
    public string? To => Json().GetProperty("to").GetString();

    public string? Text => Json().GetProperty("text").GetProperty("body").GetString();

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}
