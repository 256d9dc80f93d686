using System.Net;
using System.Text;
using System.Text.Json;
using Sintestesia.BotHost.Tests.Infrastructure;

namespace Sintestesia.BotHost.Tests.Meta;

/// <summary><c>X-Hub-Signature-256</c>: nothing unsigned, mis-signed or for another shop's number is processed or stored.</summary>
public abstract class MetaSignatureTests(MetaBotHostFixture meta)
{
    private BotHostFixture Host => meta.Host;

    [Fact]
    public async Task ANotificationWithoutSignatureIsRefusedAndNothingIsStored()
    {
        var waId = MetaPayloads.NewWaId();
        using var request = Host.Gateway.Notification(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, waId, "northern lights"), signature: null);

        await AssertRefusedAsync(request, waId);
    }

    [Fact]
    public async Task ANotificationSignedWithAnotherShopsAppSecretIsRefused()
    {
        var waId = MetaPayloads.NewWaId();
        var json = MetaPayloads.Text(MetaShops.Acme, waId, "northern lights");
        using var request = Host.Gateway.Notification(MetaShops.Acme, json, MetaRequests.Sign(MetaShops.Bravo.AppSecret, Encoding.UTF8.GetBytes(json)));

        await AssertRefusedAsync(request, waId);
    }

    [Fact]
    public async Task ANotificationChangedAfterSigningIsRefused()
    {
        var waId = MetaPayloads.NewWaId();
        var signed = MetaPayloads.Text(MetaShops.Acme, waId, "northern lights");
        var signature = MetaRequests.Sign(MetaShops.Acme.AppSecret, Encoding.UTF8.GetBytes(signed));
        using var request = Host.Gateway.Notification(MetaShops.Acme, signed.Replace("northern lights", "white widow", StringComparison.Ordinal), signature);

        await AssertRefusedAsync(request, waId);
    }

    [Fact]
    public async Task ASignatureThatIsNotHexIsRefused()
    {
        var waId = MetaPayloads.NewWaId();
        using var request = Host.Gateway.Notification(MetaShops.Acme, MetaPayloads.Text(MetaShops.Acme, waId, "hola"), "sha256=" + new string('z', 64));

        await AssertRefusedAsync(request, waId);
    }

    /// <summary>The gateway sent acme's request to acme, signed with acme's secret, but the number is bravo's.</summary>
    [Fact]
    public async Task AMessageForAnotherShopsNumberIsIgnored()
    {
        var waId = MetaPayloads.NewWaId();
        var json = MetaPayloads.TextTo(MetaShops.Bravo.PhoneNumberId, waId, "playstation 5");
        using var request = Host.Gateway.Notification(MetaShops.Acme, json, MetaRequests.Sign(MetaShops.Acme.AppSecret, Encoding.UTF8.GetBytes(json)));

        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, ack.RootElement.GetProperty("accepted").GetInt32());
        Assert.Empty(await MetaRows.ForAsync(Host, "+" + waId));
        Assert.Empty(meta.Graph.To(waId));
    }

    [Fact]
    public async Task TheSecretsAreStoredEncrypted()
    {
        var stored = string.Join("\n", await Task.WhenAll(
            new[] { "verify_token_enc", "app_secret_enc", "access_token_enc" }.Select(async column => (string)(await Host.Sql.ScalarAsync(
                $"SELECT {column} FROM meta_accounts WHERE tenant_id = @id", ("@id", MetaShops.Acme.TenantId)))!)));

        foreach (var secret in new[] { MetaShops.Acme.VerifyToken, MetaShops.Acme.AppSecret, MetaShops.Acme.AccessToken })
        {
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        }

        Assert.StartsWith("v1:", stored, StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(HttpRequestMessage request, string waId)
    {
        using var response = await Host.Client.SendAsync(request);
        await Responses.AssertErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(await MetaRows.ForAsync(Host, "+" + waId));
        Assert.Empty(meta.Graph.To(waId));
    }
}

[Collection(OneMetaBotHostOnSqlite.Name)]
public sealed class MetaSignatureOnSqliteTests(MetaBotHostOnSqlite meta) : MetaSignatureTests(meta);

[Collection(OneMetaBotHostOnPostgres.Name)]
public sealed class MetaSignatureOnPostgresTests(MetaBotHostOnPostgres meta) : MetaSignatureTests(meta);
