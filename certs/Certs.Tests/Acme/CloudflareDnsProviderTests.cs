namespace Sintestesia.Certs.Tests.Acme;

public sealed class CloudflareDnsProviderTests
{
    [Fact]
    public async Task BothValuesForASharedNameArePublishedInTheParentZoneAndClearedTogether()
    {
        await using var api = await FakeCloudflareApi.StartAsync();
        using var http = new HttpClient();
        var provider = new CloudflareDnsProvider(http, FakeCloudflareApi.Token, api.ApiUrl);

        await provider.PublishTxtAsync("_acme-challenge.sintestesia.test", "wildcard-value", CancellationToken.None);
        await provider.PublishTxtAsync("_acme-challenge.sintestesia.test.", "apex-value", CancellationToken.None);

        Assert.Equal(["apex-value", "wildcard-value"], api.Records.Values.Where(r => r.Name == "_acme-challenge.sintestesia.test").Select(r => r.Content).Order());

        await provider.ClearTxtAsync("_acme-challenge.sintestesia.test", CancellationToken.None);
        Assert.Empty(api.Records);
    }

    [Fact]
    public async Task ANameOutsideEveryZoneFailsWithASentence()
    {
        await using var api = await FakeCloudflareApi.StartAsync();
        using var http = new HttpClient();
        var provider = new CloudflareDnsProvider(http, FakeCloudflareApi.Token, api.ApiUrl);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.PublishTxtAsync("_acme-challenge.other.example", "v", CancellationToken.None));

        Assert.Contains("No Cloudflare zone", error.Message, StringComparison.Ordinal);
    }
}
