using System.Text;
using Sintestesia.Gateway.FastPath;

namespace Sintestesia.Gateway.Tests.FastPath;

/// <summary>
/// Which request heads the fast path takes. Everything it does not take goes, unread, to Kestrel, so a head it refuses
/// costs nothing; one it takes wrongly could let two parsers disagree about where a request ends.
/// </summary>
public sealed class RequestHeadTests
{
    private const long MaxBody = 64 * 1024;

    private const string Plain = "POST /bot/twilio/webhook HTTP/1.1\r\nHost: acme.sintestesia.cl\r\n" +
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n\r\n";

    [Fact]
    public void APlainTwilioPostIsTakenWithItsHostLengthAndTarget()
    {
        Assert.True(Parse(Plain, out var length, out var host, out var target, out var body, out var close));

        Assert.Equal(Encoding.ASCII.GetByteCount(Plain), length);
        Assert.Equal("acme.sintestesia.cl", host);
        Assert.Equal("/bot/twilio/webhook", target);
        Assert.Equal(11, body);
        Assert.False(close);
    }

    [Fact]
    public void AGetWithAQueryAndConnectionCloseIsTakenAndAsksToClose()
    {
        var head = "GET /bot/meta/webhook?hub.mode=subscribe&hub.challenge=42 HTTP/1.1\r\nhost: bravo.sintestesia.cl:8080\r\nConnection: close\r\n\r\n";

        Assert.True(Parse(head, out _, out var host, out var target, out var body, out var close));

        Assert.Equal("bravo.sintestesia.cl:8080", host);
        Assert.Equal("/bot/meta/webhook?hub.mode=subscribe&hub.challenge=42", target);
        Assert.Equal(0, body);
        Assert.True(close);
    }

    [Theory]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nContent-Length: +3\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nContent-Length: 3, 3\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nContent-Length : 3\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nX-Long: a\r\n folded\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nHost: b.sintestesia.cl\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: \r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl:80, evil.example\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl:x\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl:\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: user@a.sintestesia.cl\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nExpect: 100-continue\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nConnection: keep-alive, X-Secret\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nX-Name: caf\u00e9\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nX-Bare: a\rb\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.1\nHost: a.sintestesia.cl\r\n\r\n")]
    [InlineData("POST /bot/x HTTP/1.0\r\nHost: a.sintestesia.cl\r\n\r\n")]
    [InlineData("PUT /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\n\r\n")]
    [InlineData("GET /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nContent-Length: 4\r\n\r\n")]
    [InlineData("POST /webhook/acme HTTP/1.1\r\nHost: a.sintestesia.cl\r\n\r\n")]
    [InlineData("POST /bot HTTP/1.1\r\nHost: a.sintestesia.cl\r\n\r\n")]
    [InlineData("POST /bot/../admin/tenants HTTP/1.1\r\nHost: a.sintestesia.cl\r\n\r\n")]
    [InlineData("POST /bot/%2e%2e/admin HTTP/1.1\r\nHost: a.sintestesia.cl\r\n\r\n")]
    [InlineData("POST /bot/x#frag HTTP/1.1\r\nHost: a.sintestesia.cl\r\n\r\n")]
    [InlineData("POST http://a.sintestesia.cl/bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\n\r\n")]
    [InlineData("POST  /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\n\r\n")]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")]
    public void AnythingButThePlainestHeadIsLeftToKestrel(string head)
    {
        Assert.False(Parse(head, out _, out _, out _, out _, out _));
    }

    [Fact]
    public void ABodyOverTheLimitIsLeftToKestrelWhichAnswers413()
    {
        var head = $"POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\nContent-Length: {MaxBody + 1}\r\n\r\n";

        Assert.False(Parse(head, out _, out _, out _, out _, out _));
    }

    [Fact]
    public void MoreHeadersThanKestrelAllowsAreLeftToKestrel()
    {
        var many = string.Concat(Enumerable.Range(0, RequestHead.MaxHeaders).Select(i => $"X-H{i}: v\r\n"));

        Assert.False(Parse($"POST /bot/x HTTP/1.1\r\nHost: a.sintestesia.cl\r\n{many}\r\n", out _, out _, out _, out _, out _));
    }

    [Fact]
    public void AHeadIsOnlyCompleteAtItsEmptyLine()
    {
        var bytes = Encoding.ASCII.GetBytes(Plain);

        Assert.Equal(bytes.Length, RequestHead.EndOf(bytes));
        Assert.Equal(-1, RequestHead.EndOf(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Theory]
    [InlineData("X-Tenant-Id")]
    [InlineData("x-gateway-proof")]
    [InlineData("X-GATEWAY-PUBLIC-URL")]
    [InlineData("X-Forwarded-For")]
    [InlineData("Keep-Alive")]
    public void TheGatewaysOwnAndHopByHopHeadersAreNeverCopied(string name)
    {
        Assert.Equal(RequestHead.HeaderKind.Dropped, RequestHead.Classify(Encoding.ASCII.GetBytes(name)));
    }

    private static bool Parse(string text, out int length, out string host, out string target, out long body, out bool close)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var ok = RequestHead.TryParse(bytes, MaxBody, out var head);
        (length, host, target, body, close) = ok
            ? (head.Length, Encoding.ASCII.GetString(head.Host), Encoding.ASCII.GetString(head.Target), head.ContentLength, head.WantsClose)
            : (0, string.Empty, string.Empty, 0, false);
        return ok;
    }
}
