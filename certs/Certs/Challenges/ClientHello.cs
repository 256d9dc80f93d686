namespace Sintestesia.Certs.Challenges;

/// <summary>What the TLS stack does not tell us about a ClientHello: its SNI name and its ALPN list.</summary>
/// <param name="ServerName">The SNI host_name exactly as sent, or <see langword="null"/> without SNI.</param>
/// <param name="ApplicationProtocols">The ALPN protocol names in the client's order; empty without ALPN.</param>
internal sealed record ClientHello(string? ServerName, IReadOnlyList<string> ApplicationProtocols);
