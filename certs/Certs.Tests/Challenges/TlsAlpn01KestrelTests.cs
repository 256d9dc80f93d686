using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Sintestesia.Certs.Tests.Sni;

namespace Sintestesia.Certs.Tests.Challenges;

/// <summary>TLS-ALPN-01 end to end: real Kestrel with the peek, challenge and termination middleware, real SslStream clients.</summary>
public sealed class TlsAlpn01KestrelTests
{
    private const string Host = "acme.sintestesia.cl";
    private const string KeyAuthorization = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";

    private readonly TlsAlpn01Responder _responder = new();
    private readonly StoredCertificate _usual = TestCertificates.SelfSigned(Host, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

    [Fact]
    public async Task AcmeTlsClientGetsTheChallengeCertificateAndThenTheServerCloses()
    {
        _responder.Present(Host, KeyAuthorization);
        await using var server = await StartAsync();

        await using var client = await TlsAlpnClient.ConnectAsync(server.Port, Host, [AcmeTlsAlpn.Protocol]);

        Assert.Equal(AcmeTlsAlpn.Protocol, client.NegotiatedProtocol);
        var names = client.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames();
        Assert.Equal([Host], names);
        var acmeIdentifier = client.Certificate.Extensions[TlsAlpn01Responder.AcmeIdentifierOid];
        Assert.NotNull(acmeIdentifier);
        Assert.True(acmeIdentifier.Critical);
        Assert.Equal([0x04, 0x20, .. SHA256.HashData(Encoding.UTF8.GetBytes(KeyAuthorization))], acmeIdentifier.RawData);
        Assert.Equal(0, await client.ReadUntilClosedAsync());
    }

    [Theory]
    [InlineData("http/1.1")]
    [InlineData(null)]
    public async Task NormalClientDuringTheChallengeGetsTheUsualCertificateAndHttp(string? protocol)
    {
        _responder.Present(Host, KeyAuthorization);
        await using var server = await StartAsync();

        await using var client = await TlsAlpnClient.ConnectAsync(server.Port, Host, protocol is null ? [] : [protocol]);
        var response = await client.GetAsync(Host, "/");

        Assert.Equal(_usual.Certificate.Thumbprint, client.Certificate.Thumbprint);
        Assert.StartsWith("HTTP/1.1 200 OK", response, StringComparison.Ordinal);
        Assert.Contains("\r\nhola\r\n", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientOfferingAcmeTlsAmongOtherProtocolsIsServedNormally()
    {
        _responder.Present(Host, KeyAuthorization);
        await using var server = await StartAsync();

        await using var client = await TlsAlpnClient.ConnectAsync(server.Port, Host, [AcmeTlsAlpn.Protocol, "http/1.1"]);

        Assert.Equal(_usual.Certificate.Thumbprint, client.Certificate.Thumbprint);
        Assert.Equal("http/1.1", client.NegotiatedProtocol);
    }

    [Fact]
    public async Task ChallengeForAnotherHostIsNotServed()
    {
        _responder.Present("otro.sintestesia.cl", KeyAuthorization);
        await using var server = await StartAsync();

        var failure = await Record.ExceptionAsync(() => TlsAlpnClient.ConnectAsync(server.Port, Host, [AcmeTlsAlpn.Protocol]));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(failure);
    }

    [Fact]
    public async Task AfterRemoveAnAcmeTlsClientGetsNoChallengeCertificate()
    {
        _responder.Present(Host, KeyAuthorization);
        _responder.Remove(Host);
        await using var server = await StartAsync();

        // The usual certificate comes with h2/http1.1 only, so the handshake fails with no_application_protocol and
        // the validator never sees a certificate it could mistake for the challenge's.
        var failure = await Record.ExceptionAsync(() => TlsAlpnClient.ConnectAsync(server.Port, Host, [AcmeTlsAlpn.Protocol]));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(failure);
        Assert.Null(_responder.Find(Host));
    }

    [Fact]
    public async Task ClientHelloArrivingInSmallPiecesIsStillAnswered()
    {
        _responder.Present(Host, KeyAuthorization);
        await using var server = await StartAsync();

        await using var client = await TlsAlpnClient.ConnectAsync(
            server.Port, Host, [AcmeTlsAlpn.Protocol], network => new TrickleStream(network, pieceSize: 40, TimeSpan.FromMilliseconds(5)));

        Assert.Equal(AcmeTlsAlpn.Protocol, client.NegotiatedProtocol);
        Assert.NotNull(client.Certificate.Extensions[TlsAlpn01Responder.AcmeIdentifierOid]);
    }

    [Fact]
    public async Task PlaintextHttpOnTheTlsPortIsPassedOnAndClosedWithoutHanging()
    {
        await using var server = await StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.Port);
        var stream = tcp.GetStream();

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {Host}\r\n\r\n"));
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        // Kestrel's TLS layer rejects the bytes: at most an alert, then the close.
        while (read > 0)
        {
            Assert.Equal(0x15, buffer[0]);
            read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private Task<KestrelHttpsServer> StartAsync()
    {
        var selector = new SniCertificateSelector(TimeProvider.System);
        selector.Update([_usual]);
        return KestrelHttpsServer.StartAsync(listen => listen
            .UsePeekedClientHello()
            .UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = context => AcmeTlsAlpn.TryAnswerChallenge(context, _responder) is { } challenge
                    ? ValueTask.FromResult(challenge)
                    : selector.SelectServerOptionsAsync(context),
            })
            .UseAcmeTlsAlpnTermination());
    }
}
