using System.Net;
using System.Net.Sockets;
using System.Text;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.FastPath;

/// <summary>
/// A broken bot host on a raw socket: it answers each request with the tenant it was for, and then, on the same
/// connection, sends a second answer nobody asked for. A gateway that reused that connection would hand the extra
/// answer, meant for one shop, to the next request, perhaps another shop's.
/// </summary>
public sealed class ChattyBotHost : IAsyncLifetime, IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _extraSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Address => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public Task InitializeAsync()
    {
        _listener.Start();
        _ = AcceptAsync();
        return Task.CompletedTask;
    }

    /// <summary>Completes once an unasked-for answer has been written after a forwarded request.</summary>
    public Task ExtraAnswerSent => _extraSent.Task;

    public Task DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var pending = new List<byte>();
            var buffer = new byte[8192];
            try
            {
                while (true)
                {
                    var text = Encoding.ASCII.GetString([.. pending]);
                    var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end < 0)
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        pending.AddRange(buffer.AsSpan(0, read).ToArray());
                        continue;
                    }

                    var head = text[..end];
                    var length = HeaderValue(head, "Content-Length") is { } l ? int.Parse(l, System.Globalization.CultureInfo.InvariantCulture) : 0;
                    while (pending.Count < end + 4 + length)
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        pending.AddRange(buffer.AsSpan(0, read).ToArray());
                    }

                    pending.RemoveRange(0, end + 4 + length);
                    if (head.StartsWith("GET /healthz ", StringComparison.Ordinal))
                    {
                        await stream.WriteAsync(Answer("ok"), _stop.Token);
                        continue;
                    }

                    var tenant = HeaderValue(head, "X-Tenant-Id") ?? "none";
                    await stream.WriteAsync(Answer($$"""{"tenant":"{{tenant}}"}"""), _stop.Token);
                    await Task.Delay(50, _stop.Token);
                    await stream.WriteAsync(Answer($$"""{"tenant":"leaked-from-{{tenant}}"}"""), _stop.Token);
                    _extraSent.TrySetResult();
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The gateway closed the connection, or the test is over.
            }
        }
    }

    private static byte[] Answer(string json) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\n\r\n{json}");

    private static string? HeaderValue(string head, string name) => head.Split("\r\n")
        .Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();
}

/// <summary>A system of its own: its shops are moved to the chatty bot host's pool.</summary>
public sealed class ChattyPoolSystem() : RunningSystem(botHostCount: 1, adminApi: true);

public sealed class UnaskedForAnswerTests(ChattyPoolSystem system, ChattyBotHost chatty) : IClassFixture<ChattyPoolSystem>, IClassFixture<ChattyBotHost>
{
    [Fact]
    public async Task AnAnswerABotHostSendsUnaskedIsNeverDeliveredToTheNextRequestOfAnotherShop()
    {
        var pool = await system.AdminAsync(HttpMethod.Put, "/admin/bot-pools/chatty", new { Destinations = new[] { chatty.Address } });
        Assert.True(pool.Status == HttpStatusCode.OK, pool.ToString());
        foreach (var shop in new[] { DemoShop.Acme, DemoShop.Bravo })
        {
            var moved = await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{shop.Id}", new { BotPool = "chatty" });
            Assert.True(moved.Status == HttpStatusCode.OK, moved.ToString());
        }

        var (first, _) = await Poll.UntilAsync(() => AskAsync(DemoShop.Acme), a => a?.Body.Contains(DemoShop.Acme.Id, StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(10));
        await chatty.ExtraAnswerSent;
        var second = await AskAsync(DemoShop.Bravo);

        Assert.Equal($$"""{"tenant":"{{DemoShop.Acme.Id}}"}""", first?.Body);
        Assert.Equal($$"""{"tenant":"{{DemoShop.Bravo.Id}}"}""", second?.Body);
    }

    private async Task<RawAnswer?> AskAsync(DemoShop shop)
    {
        await using var connection = await RawConnection.OpenAsync(system.PublicUrl);
        await connection.SendAsync($"POST /bot/twilio/webhook HTTP/1.1\r\nHost: {shop.Slug}.sintestesia.cl\r\nContent-Length: 2\r\n\r\nok");
        return await connection.ReadAnswerAsync();
    }
}
