using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Sintestesia.Gateway.Tests.Faults;

/// <summary>
/// One hostile request as bytes on a fresh connection, and where it goes. <paramref name="EndsEarly"/>: the bytes are
/// not a whole request, so the sending side is closed after them (a short body is then short, not a wait); Kestrel
/// takes that as the client leaving and may close without an answer.
/// </summary>
internal sealed record HostileRequest(string Kind, bool Public, byte[] Bytes, bool EndsEarly = false)
{
    /// <summary>Writes the bytes, ends the sending side when <see cref="EndsEarly"/>, reads the status.</summary>
    /// <returns>The status code, 0 when the server closed without an answer, -1 when nothing came back in time.</returns>
    public async Task<int> SendAsync(Uri listener)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(listener.Host, listener.Port);
        var stream = client.GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await stream.WriteAsync(Bytes, timeout.Token);
            if (EndsEarly)
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (IOException)
        {
            // The server may answer (413, 400) and close before taking the whole body: read what it said.
        }

        var head = new byte[16];
        var read = 0;
        try
        {
            while (read < head.Length && await stream.ReadAsync(head.AsMemory(read), timeout.Token) is var n and > 0)
            {
                read += n;
            }
        }
        catch (OperationCanceledException)
        {
            return -1;
        }
        catch (IOException)
        {
            // Reset by the server after an answer it already sent, or without one.
        }

        var line = Encoding.ASCII.GetString(head, 0, read);
        return line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(9, 3), CultureInfo.InvariantCulture, out var status)
            ? status
            : 0;
    }
}

/// <summary>
/// Malformed and hostile requests, reproducible from a seed: fuzzed Host headers, slugs, forms, JSON, bodies that lie
/// about their length or are too large, forged gateway headers, odd methods, random bytes.
/// </summary>
internal sealed class HostileRequests(int seed)
{
    private const string Printable = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&'()*+,;=:@/?#[]\"<>\\^`{|} ";
    private static readonly string[] Kinds = ["host", "slug", "forged signature", "json", "legacy", "meta", "length", "bytes", "method", "headers"];

#pragma warning disable CA5394 // Reproducible fuzzing wants a seeded generator, not a secure one.
    private readonly Random _random = new(seed);

    public HostileRequest Next(int i) => (i % Kinds.Length) switch
    {
        0 => Http(0, true, "POST", "/bot/twilio/webhook", RandomHost(), "application/x-www-form-urlencoded", RandomForm()),
        1 => Http(1, false, "POST", "/webhook/" + RandomSlug(), "localhost", "application/json", """{"telefono":"+56911111111","mensaje":"hola"}"""),
        2 => Http(2, true, "POST", "/bot/twilio/webhook", "acme.sintestesia.cl", "application/x-www-form-urlencoded", RandomForm(),
            "X-Twilio-Signature: " + Convert.ToBase64String(Bytes(20))),
        3 => Http(3, false, "POST", "/webhook/acme", "localhost", Pick("application/json", "text/plain", "application/json; charset=latin1"), RandomJson()),
        4 => Http(4, false, "POST", "/webhook", "localhost", Pick("application/x-www-form-urlencoded", "application/json"), Pick(RandomForm(), RandomJson())),
        5 => Http(5, true, "POST", "/bot/meta/webhook", Pick("sintestesia.cl", "acme.sintestesia.cl"), "application/json", RandomMeta()),
        6 => LyingLength(),
        7 => new HostileRequest(Kinds[7], _random.Next(2) == 0, Bytes(_random.Next(1, 2048)), EndsEarly: true),
        8 => Http(8, _random.Next(2) == 0, Pick("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "POST"),
            Pick("/", "/admin/tenants", "/admin/tenants/acme-cannabis-2024", "/bot", "/bot/../admin/tenants", "*", "/webhook/acme?x=" + RandomText(50), "/metrics", "/healthz"),
            Pick("localhost", "acme.sintestesia.cl"), "application/json", RandomJson()),
        _ => Http(9, _random.Next(2) == 0, "POST", Pick("/webhook/acme", "/bot/twilio/webhook"), "acme.sintestesia.cl", "application/json",
            """{"telefono":"+56911111111","mensaje":"hola"}""", ForgedHeaders()),
    };

    private static HostileRequest Http(int kind, bool isPublic, string method, string target, string host, string contentType, string body, params string[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: {contentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {bytes.Length}\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        return new HostileRequest(Kinds[kind], isPublic, [.. Encoding.UTF8.GetBytes(head.Append("\r\n").ToString()), .. bytes]);
    }

    /// <summary>Bodies larger than allowed (announced or chunked), shorter or longer than announced, broken chunks.</summary>
    private HostileRequest LyingLength()
    {
        var body = new string('a', _random.Next(2) == 0 ? 70 * 1024 : _random.Next(1, 400));
        var shape = _random.Next(5);
        var (framing, sent) = shape switch
        {
            0 => ($"Content-Length: {body.Length}", body),
            1 => ($"Content-Length: {body.Length + 50}", body),
            2 => ($"Content-Length: {Math.Max(0, body.Length - 5)}", body),
            3 => ("Transfer-Encoding: chunked", $"{body.Length:x}\r\n{body}\r\nzz\r\n\r\n"),
            _ => ($"Transfer-Encoding: chunked\r\nContent-Length: {body.Length}", $"{body.Length:x}\r\n{body}\r\n0\r\n\r\n"),
        };
        var head = $"POST /webhook/acme HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n{framing}\r\n\r\n";
        return new HostileRequest(Kinds[6], false, Encoding.ASCII.GetBytes(head + sent), EndsEarly: shape == 1);
    }

    private string RandomHost() => Pick(
        RandomText(_random.Next(1, 80)).Replace(" ", "", StringComparison.Ordinal),
        "acme.sintestesia.cl.evil.example", "ACME.SINTESTESIA.CL", "acme.sintestesia.cl:99999", "a.b.sintestesia.cl", "xn--caf-dma.sintestesia.cl",
        "acme..sintestesia.cl", new string('a', 300) + ".sintestesia.cl", "[::1]", "127.0.0.1:1", "sintestesia.cl", "-acme.sintestesia.cl", "ácme.sintestesia.cl");

    private string RandomSlug() => Pick(
        Uri.EscapeDataString(RandomText(_random.Next(1, 200))), "%00", "%2e%2e%2fadmin", "..%2F..%2Fetc%2Fpasswd", "%ff%fe", new string('x', 4000),
        "acme%20cannabis%20store", "ACME", "%C3%A1cme", "acme%0d%0aX-Tenant-Id:%20bravo-gaming-2024", "%25", "%", "acme;x=1");

    private string RandomForm() => string.Join('&', Enumerable.Range(0, _random.Next(0, 12)).Select(_ =>
        Uri.EscapeDataString(Pick("From", "To", "Body", "MessageSid", "AccountSid", "MessagingServiceSid", "slug", "tenant_id", RandomText(5)))
        + "=" + Uri.EscapeDataString(RandomText(_random.Next(0, 300))))) + Pick("", "&", "=&=", "%zz", "&&&a");

    private string RandomJson() => Pick(
        "", "{", "[", "null", "123", "\"hola\"", "{\"telefono\":123,\"mensaje\":[]}", "{\"telefono\":null,\"mensaje\":null}",
        "{\"telefono\":\"+56911111111\",\"mensaje\":\"" + new string('ñ', 30_000) + "\"}", new string('[', 5000) + new string(']', 5000),
        "{\"telefono\":\"+56911111111\",\"mensaje\":\"hola\",\"tenant_id\":\"bravo-gaming-2024\"}", "{\"a\":1e999999}", "\uFEFF{\"telefono\":\"x\"}",
        "{\"telefono\":\"" + RandomText(40) + "\",\"mensaje\":\"" + RandomText(200).Replace("\"", "", StringComparison.Ordinal) + "\"}",
        Encoding.Latin1.GetString(Bytes(_random.Next(1, 200))));

    private string RandomMeta() => Pick(
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"metadata\":{\"phone_number_id\":\"" + RandomText(12) + "\"}}}]}]}",
        "{\"entry\":[{\"changes\":[{\"value\":{\"metadata\":{\"phone_number_id\":123}}}]}]}", "{\"entry\":null}", "{\"entry\":[[[[]]]]}", RandomJson());

    private string[] ForgedHeaders() =>
    [
        "X-Tenant-Id: bravo-gaming-2024", "X-Gateway-Proof: " + Convert.ToBase64String(Bytes(32)), "X-Gateway-Timestamp: 99999999999",
        "X-Forwarded-Host: bravo.sintestesia.cl", .. Enumerable.Range(0, _random.Next(0, 90)).Select(n => $"X-Junk-{n}: {RandomText(40)}"),
    ];

    private string RandomText(int length) => string.Create(length, _random, (span, random) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = random.Next(10) == 0 ? (char)random.Next(0xA1, 0x2FF) : Printable[random.Next(Printable.Length)];
        }
    });

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
#pragma warning restore CA5394
}
