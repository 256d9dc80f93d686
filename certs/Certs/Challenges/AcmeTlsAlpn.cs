using System.IO.Pipelines;
using System.Net.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Sintestesia.Certs.Challenges;

namespace Sintestesia.Certs;

/// <summary>
/// Kestrel wiring for TLS-ALPN-01 (RFC 8737) on the HTTPS listener. Kestrel's <c>SslClientHelloInfo</c> has no ALPN
/// list, so a connection middleware peeks at the ClientHello first:
/// <code>
/// kestrel.ListenAnyIP(443, listen => listen
///     .UsePeekedClientHello()
///     .UseHttps(new TlsHandshakeCallbackOptions
///     {
///         OnConnection = async context => await AcmeTlsAlpn.TryAnswerChallengeAsync(context, responder)
///             ?? await selector.SelectServerOptionsAsync(context),
///     })
///     .UseAcmeTlsAlpnTermination());
/// </code>
/// </summary>
public static class AcmeTlsAlpn
{
    /// <summary>The ALPN protocol an ACME server offers, alone, when validating TLS-ALPN-01.</summary>
    public const string Protocol = "acme-tls/1";

    // Kestrel's own TLS handshake timeout is 10 seconds; a client that has not sent its ClientHello by then is dropped.
    private static readonly TimeSpan PeekTimeout = TimeSpan.FromSeconds(10);

    private static readonly SslApplicationProtocol ApplicationProtocol = new(Protocol);

    /// <summary>
    /// Adds a connection middleware that reads, without consuming, the TLS ClientHello and sets a
    /// <see cref="TlsClientHelloFeature"/> on the connection. Call it before <c>UseHttps</c>. Connections whose first
    /// bytes are not a ClientHello go on unchanged, without the feature.
    /// </summary>
    public static ListenOptions UsePeekedClientHello(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Use(next => connection => PeekThenContinueAsync(connection, next));
        return listen;
    }

    /// <summary>
    /// Adds a connection middleware that ends connections which negotiated <c>acme-tls/1</c> right after the
    /// handshake, so HTTP never sees them (RFC 8737 section 3). Call it after <c>UseHttps</c>.
    /// </summary>
    public static ListenOptions UseAcmeTlsAlpnTermination(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Use(next => connection => IsAcmeTls(connection) ? CloseAsync(connection) : next(connection));
        return listen;
    }

    /// <summary>
    /// The handshake options answering a TLS-ALPN-01 validation: when the client offers only <c>acme-tls/1</c> and
    /// <paramref name="responder"/> presents a challenge for its SNI name, the challenge certificate with ALPN
    /// <c>acme-tls/1</c>; otherwise <see langword="null"/>, and the caller serves its usual certificate.
    /// </summary>
    /// <remarks>Needs <see cref="UsePeekedClientHello"/> on the listener; without it this always returns <see langword="null"/>.</remarks>
    public static SslServerAuthenticationOptions? TryAnswerChallenge(TlsHandshakeCallbackContext context, TlsAlpn01Responder responder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(responder);
        return IsValidation(context) && responder.Find(context.ClientHelloInfo.ServerName) is { } certificate ? Answer(certificate) : null;
    }

    /// <summary>
    /// Like <see cref="TryAnswerChallenge"/>, and also answers challenges another process presented, which
    /// <paramref name="responder"/> looks up in its shared store. Other handshakes never cause a lookup.
    /// </summary>
    public static async ValueTask<SslServerAuthenticationOptions?> TryAnswerChallengeAsync(TlsHandshakeCallbackContext context, TlsAlpn01Responder responder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(responder);
        return IsValidation(context) && await responder.FindAsync(context.ClientHelloInfo.ServerName, context.CancellationToken) is { } certificate
            ? Answer(certificate)
            : null;
    }

    private static bool IsValidation(TlsHandshakeCallbackContext context) =>
        context.Connection.Features.Get<TlsClientHelloFeature>() is { OffersOnlyAcmeTls: true };

    // Kestrel fills in h2/http1.1 only when the callback leaves ApplicationProtocols null.
    private static SslServerAuthenticationOptions Answer(SslStreamCertificateContext certificate) => new()
    {
        ServerCertificateContext = certificate,
        ApplicationProtocols = [ApplicationProtocol],
    };

    private static async Task PeekThenContinueAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        ClientHello? hello;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
        {
            timeout.CancelAfter(PeekTimeout);
            try
            {
                hello = await PeekClientHelloAsync(connection.Transport.Input, timeout.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                // Too slow, closed or reset before a ClientHello arrived: nothing left to hand on.
                return;
            }
        }

        if (hello is not null)
        {
            connection.Features.Set(new TlsClientHelloFeature(hello.ServerName, hello.ApplicationProtocols));
        }

        await next(connection);
    }

    /// <summary>Reads until the ClientHello is complete or clearly absent, leaving every byte unconsumed.</summary>
    internal static async Task<ClientHello?> PeekClientHelloAsync(PipeReader input, CancellationToken cancellationToken)
    {
        long examined = 0;
        ClientHello? hello = null;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var more = !result.IsCompleted && !result.IsCanceled;
            var status = more && buffer.Length < ClientHelloParser.BytesBeforeParsing(buffer)
                ? ClientHelloParseStatus.NeedMoreData
                : ClientHelloParser.Parse(buffer, out hello);
            if (status == ClientHelloParseStatus.NeedMoreData && more)
            {
                // Everything seen: the next read waits for more bytes.
                input.AdvanceTo(buffer.Start, buffer.End);
                examined = buffer.Length;
                continue;
            }

            // Examined may not move backwards, and examining everything would make the TLS layer's first read wait
            // for bytes the client will only send after our reply. Marking only the previous reads as examined
            // leaves the newest bytes unexamined, so that read returns at once with the whole ClientHello.
            input.AdvanceTo(buffer.Start, buffer.GetPosition(examined));
            return status == ClientHelloParseStatus.Parsed ? hello : null;
        }
    }

    private static bool IsAcmeTls(ConnectionContext connection) =>
        connection.Features.Get<ITlsApplicationProtocolFeature>() is { } alpn
        && alpn.ApplicationProtocol.Span.SequenceEqual(ApplicationProtocol.Protocol.Span);

    private static async Task CloseAsync(ConnectionContext connection)
    {
        // close_notify tells the validator the connection ended on purpose; returning lets Kestrel close the socket.
        if (connection.Features.Get<ISslStreamFeature>()?.SslStream is { } tls)
        {
            try
            {
                await tls.ShutdownAsync();
            }
            catch (IOException)
            {
                // The validator may already have hung up once it saw the certificate.
            }
        }
    }
}
