using System.Net;
using System.Net.Sockets;
using System.Text;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Routes;

[Collection(SharedSystemDefinition.Name)]
public sealed class JsonWebhookRouteTests(SharedSystem system)
{
    [Fact]
    public async Task WebhookBySlugAnswersInTheContractShape()
    {
        var reply = await system.AskAsync("acme", "northern lights");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.True(reply.IsJson, reply.ToString());
        Assert.Equal("success", reply.Field("status"));
        Assert.Equal(DemoShop.Acme.Id, reply.Field("tenant_id"));
        Assert.Equal("slug", reply.Field("resolved_by"));
        Assert.Equal(GatewayCalls.Shopper, reply.Field("telefono"));
        Assert.Contains("Northern Lights", reply.Field("respuesta"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryDemoShopAnswersWithItsOwnName()
    {
        foreach (var shop in DemoShop.All)
        {
            var reply = await system.AskAsync(shop.Slug, "hola");

            Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            Assert.Equal(shop.Id, reply.Field("tenant_id"));
            Assert.Contains(shop.Name, reply.Field("respuesta"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AMessageWhoseBodyArrivesAfterTheHeadersIsAnsweredLikeOneSentAtOnce()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"telefono":"{{GatewayCalls.Shopper}}","mensaje":"northern lights"}""");
        using var client = new TcpClient();
        await client.ConnectAsync(system.InternalUrl.Host, system.InternalUrl.Port);
        var stream = client.GetStream();

        // Expect: 100-continue holds the body back until the gateway asks for it, so it surely was not there at first.
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /webhook/acme HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
            $"Content-Length: {body.Length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"));
        var interim = await ReadUntilAsync(stream, "\r\n\r\n");
        await stream.WriteAsync(body.AsMemory(0, 10));
        await stream.FlushAsync();
        await stream.WriteAsync(body.AsMemory(10));
        var answer = await ReadUntilAsync(stream, null);

        Assert.StartsWith("HTTP/1.1 100", interim, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.Contains($"\"tenant_id\":\"{DemoShop.Acme.Id}\"", answer, StringComparison.Ordinal);
        Assert.Contains("Northern Lights", answer, StringComparison.Ordinal);
    }

    /// <summary>Reads until <paramref name="end"/> has arrived, or (null) until the server closes.</summary>
    private static async Task<string> ReadUntilAsync(NetworkStream stream, string? end)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (end is null || !text.ToString().Contains(end, StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
