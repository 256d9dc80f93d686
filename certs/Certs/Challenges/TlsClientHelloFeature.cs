namespace Sintestesia.Certs;

/// <summary>
/// The SNI name and ALPN list of a connection's TLS ClientHello, set on the connection's features by
/// <see cref="AcmeTlsAlpn.UsePeekedClientHello"/> because <c>SslClientHelloInfo</c> carries no ALPN list.
/// Absent when the first bytes were not a ClientHello the parser understood.
/// </summary>
/// <param name="ServerName">The SNI host name as the client sent it, or <see langword="null"/> without SNI.</param>
/// <param name="ApplicationProtocols">The ALPN protocol names in the client's order; empty without ALPN.</param>
public sealed record TlsClientHelloFeature(string? ServerName, IReadOnlyList<string> ApplicationProtocols)
{
    /// <summary>
    /// Whether the client offers exactly <c>acme-tls/1</c>, as an ACME server validating TLS-ALPN-01 does
    /// (RFC 8737 section 3); a browser never does.
    /// </summary>
    public bool OffersOnlyAcmeTls => ApplicationProtocols.Count == 1 && ApplicationProtocols[0] == AcmeTlsAlpn.Protocol;
}
