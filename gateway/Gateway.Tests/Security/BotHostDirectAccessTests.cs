using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Security;

/// <summary>A bot host answers only what the gateway forwarded with its proof.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class BotHostDirectAccessTests(SharedSystem system)
{
    [Theory]
    [InlineData("/webhook", true)]
    [InlineData("/webhook", false)]
    [InlineData("/bot/twilio/webhook", true)]
    public async Task RequestStraightToABotHostWithAForgedTenantHeaderIsRefused(string path, bool withForgedProof)
    {
        var marker = $"directo {Guid.NewGuid():N}";
        foreach (var botHost in system.BotHostUrls)
        {
            Assert.Equal(HttpStatusCode.OK, (await system.GetAsync(botHost, "/healthz")).Status);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(botHost, path))
            {
                Content = path == "/webhook"
                    ? GatewayCalls.Json(new { Telefono = GatewayCalls.Shopper, Mensaje = marker })
                    : new FormUrlEncodedContent(TwilioForm.Inbound(DemoShop.Acme.TwilioNumber, marker)),
            };
            request.Headers.Add("X-Tenant-Id", DemoShop.Acme.Id);
            request.Headers.Add("X-Tenant-Resolved-By", "slug");
            if (withForgedProof)
            {
                request.Headers.Add("X-Gateway-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                request.Headers.Add("X-Gateway-Proof", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            }

            var reply = await system.SendAsync(request);

            ErrorReply.AssertSentence(reply, HttpStatusCode.Unauthorized);
        }

        var stored = await system.Database.ScalarAsync("SELECT COUNT(*) FROM messages WHERE body = $body", ("$body", marker));
        Assert.Equal(0L, stored);
    }
}
