namespace Sintestesia.Certs;

/// <summary>What ops see of one stored certificate (or of a name whose first order failed).</summary>
/// <param name="Name">The name it is stored under, e.g. <c>acme.sintestesia.cl</c> or <c>*.sintestesia.cl</c>.</param>
/// <param name="DnsNames">The names it serves.</param>
/// <param name="NotBefore">Start of validity; null when none is stored.</param>
/// <param name="NotAfter">End of validity; null when none is stored.</param>
/// <param name="Issuer">The issuing CA's name.</param>
/// <param name="State"><c>valid</c>, <c>renewal_due</c>, <c>expired</c> or <c>missing</c>.</param>
/// <param name="RenewAfter">When renewal becomes due.</param>
/// <param name="LastError">Why the last order for this name failed; null after a success.</param>
/// <param name="NextAttempt">Earliest next attempt after a failure.</param>
public sealed record CertificateStatus(
    string Name,
    IReadOnlyList<string> DnsNames,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    string? Issuer,
    string State,
    DateTimeOffset? RenewAfter,
    string? LastError,
    DateTimeOffset? NextAttempt);
