using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sintestesia.Testing;

namespace Sintestesia.BotHost.Tests.Llm;

/// <summary>
/// An OpenAI-compatible chat completions server on a real loopback port: it records every request and answers as
/// scripted — with content, after a delay, or with an HTTP error.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncLifetime
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;
    private Script _script = new("", TimeSpan.Zero, StatusCodes.Status200OK);

    /// <summary>The base URL to configure as <c>Llm:Endpoint</c>, e.g. <c>http://127.0.0.1:5123/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/v1");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void AnswerWith(string content) => Use(new Script(content, TimeSpan.Zero, StatusCodes.Status200OK));

    public void AnswerAfter(TimeSpan delay, string content) => Use(new Script(content, delay, StatusCodes.Status200OK));

    public void FailWith(int status) => Use(new Script("", TimeSpan.Zero, status));

    public async Task InitializeAsync()
    {
        var port = LoopbackPorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", AnswerAsync);
        _app.MapFallback(async context =>
        {
            _requests.Enqueue(await RecordAsync(context));
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await _app.StartAsync();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/v1");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private void Use(Script script)
    {
        _requests.Clear();
        Volatile.Write(ref _script, script);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        _requests.Enqueue(await RecordAsync(context));
        var script = Volatile.Read(ref _script);
        if (script.Delay > TimeSpan.Zero)
        {
            await Task.Delay(script.Delay, context.RequestAborted);
        }

        if (script.Status != StatusCodes.Status200OK)
        {
            context.Response.StatusCode = script.Status;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted failure", type = "server_error" } });
            return;
        }

        await context.Response.WriteAsJsonAsync(new
        {
            id = "chatcmpl-fake-1",
            @object = "chat.completion",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            model = "fake-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = script.Content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
        });
    }

    private static async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        return new RecordedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), body);
    }


    private sealed record Script(string Content, TimeSpan Delay, int Status);
}

/// <summary>One request the fake received, with its chat messages read from the JSON body.</summary>
public sealed record RecordedRequest(string Path, string Authorization, string Body)
{
    public string Model => Json().GetProperty("model").GetString() ?? "";

    public IReadOnlyList<(string Role, string Content)> Messages =>
        [.. Json().GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString() ?? "", Text(m.GetProperty("content"))))];

    private JsonElement Json() => JsonDocument.Parse(Body).RootElement;

    // The SDK may send content as a string or as an array of typed parts.
    private static string Text(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString() ?? ""
        : string.Concat(content.EnumerateArray().Select(part => part.GetProperty("text").GetString()));
}
