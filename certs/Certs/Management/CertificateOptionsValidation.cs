namespace Sintestesia.Certs;

/// <summary>Checks <see cref="CertificateOptions"/> before anything starts, one sentence per problem.</summary>
public static class CertificateOptionsValidation
{
    /// <summary>What is wrong with <paramref name="options"/>; empty when nothing is.</summary>
    public static IReadOnlyList<string> Problems(CertificateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void Require(bool ok, string sentence)
        {
            if (!ok)
            {
                problems.Add(sentence);
            }
        }

        var acme = options.Acme;
        if (!string.IsNullOrWhiteSpace(acme.DirectoryUrl))
        {
            Require(Uri.TryCreate(acme.DirectoryUrl, UriKind.Absolute, out var directory) && directory.Scheme == Uri.UriSchemeHttps,
                $"Certificates:Acme:DirectoryUrl must be an https URL (RFC 8555), not '{acme.DirectoryUrl}'.");
            Require(acme.Contacts.All(c => c.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)),
                "Certificates:Acme:Contacts must be mailto: URLs, e.g. mailto:ops@sintestesia.cl.");
            Require(string.IsNullOrWhiteSpace(acme.EabKeyId) == string.IsNullOrWhiteSpace(acme.EabMacKey),
                "Certificates:Acme:EabKeyId and EabMacKey go together: set both or neither.");
            Require(acme.ServerCertificatePath is null or "" || File.Exists(acme.ServerCertificatePath),
                $"Certificates:Acme:ServerCertificatePath '{acme.ServerCertificatePath}' does not exist.");
        }

        Require(options.Store.Trim().ToUpperInvariant() is "FILES" or "DATABASE",
            $"Certificates:Store is '{options.Store}'; use files or database.");
        Require(options.OnDemand.Challenge.Trim().ToUpperInvariant() is "HTTP-01" or "TLS-ALPN-01" or "NONE" or "",
            $"Certificates:OnDemand:Challenge is '{options.OnDemand.Challenge}'; use http-01, tls-alpn-01 or none.");
        Require(options.OnDemand.HandshakeWaitSeconds is >= 0 and <= 20,
            "Certificates:OnDemand:HandshakeWaitSeconds must be 0 to 20, well inside the 30-second TLS handshake timeout.");
        Require(options.OnDemand.MaxOrders >= 1 && options.OnDemand.OrderWindowMinutes >= 1,
            "Certificates:OnDemand:MaxOrders and OrderWindowMinutes must be at least 1.");
        Require(options.OnDemand.MaxCertificatesPerWeek >= 1, "Certificates:OnDemand:MaxCertificatesPerWeek must be at least 1.");
        Require(options.Renewal.CheckIntervalMinutes >= 1, "Certificates:Renewal:CheckIntervalMinutes must be at least 1.");
        Require(options.Renewal.RenewWhenRemaining is > 0 and <= 0.9,
            "Certificates:Renewal:RenewWhenRemaining must be a fraction above 0 and at most 0.9 (default 1/3).");
        Require(options.Renewal.RetryAfterFailureSeconds >= 1 && options.Renewal.MaxRetryAfterFailureMinutes >= 1,
            "Certificates:Renewal:RetryAfterFailureSeconds and MaxRetryAfterFailureMinutes must be at least 1.");
        Require(options.Dns.PropagationSeconds is >= 0 and <= 600, "Certificates:Dns:PropagationSeconds must be 0 to 600.");
        return problems;
    }
}
