using System.Collections.Concurrent;

namespace Sintestesia.Certs.Tests.Acme;

public sealed class ChallengeOrderTests(PebbleFixture pebble) : IClassFixture<PebbleFixture>
{
    [Fact]
    public async Task EveryTxtValueOfASharedNameIsPublishedBeforeAnyChallengeIsAnswered()
    {
        var events = new ConcurrentQueue<string>();
        using var http = new HttpClient(new RecordingHandler(events) { InnerHandler = pebble.CreateTrustingHandler() });
        using var key = AcmeAccountKey.Generate();
        var client = new AcmeClient(http, pebble.DirectoryUrl, key);
        var dns = new RecordingDnsProvider(new ChallTestSrvDnsProvider(pebble.Http, pebble.ChallTestSrvUrl), events);

        var issued = await client.OrderCertificateAsync(["*.order.sintestesia.test", "order.sintestesia.test"], dns);
        issued.Certificate.Dispose();

        var log = events.ToList();
        Assert.Equal(["txt _acme-challenge.order.sintestesia.test", "txt _acme-challenge.order.sintestesia.test"], log.Where(e => e.StartsWith("txt", StringComparison.Ordinal)));
        Assert.True(log.FindLastIndex(e => e.StartsWith("txt", StringComparison.Ordinal)) < log.IndexOf("challenge"), string.Join(", ", log));
        Assert.Equal(2, log.Count(e => e == "challenge"));
    }

    private sealed class RecordingDnsProvider(IDnsChallengeProvider inner, ConcurrentQueue<string> events) : IDnsChallengeProvider
    {
        public Task PublishTxtAsync(string name, string value, CancellationToken cancellationToken)
        {
            events.Enqueue("txt " + name);
            return inner.PublishTxtAsync(name, value, cancellationToken);
        }

        public Task ClearTxtAsync(string name, CancellationToken cancellationToken) => inner.ClearTxtAsync(name, cancellationToken);
    }

    // Pebble serves challenges under /chalZ/; a POST there with a "{}" payload answers one.
    private sealed class RecordingHandler(ConcurrentQueue<string> events) : DelegatingHandler
    {
        private readonly HashSet<string> _answered = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post && path.Contains("/chalZ/", StringComparison.Ordinal))
            {
                lock (_answered)
                {
                    // A badNonce retry repeats the same answer; count each challenge once.
                    if (_answered.Add(path))
                    {
                        events.Enqueue("challenge");
                    }
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
