namespace Sintestesia.Certs.Tests.Management;

public sealed class CertificateOptionsValidationTests
{
    [Fact]
    public void TheDefaultsAreValid() => Assert.Empty(CertificateOptionsValidation.Problems(new CertificateOptions()));

    [Fact]
    public void EveryBadSettingIsNamedInASentence()
    {
        var options = new CertificateOptions
        {
            Store = "s3",
            Acme = new AcmeOptions { DirectoryUrl = "http://acme.example/directory", Contacts = ["ops@example.org"], EabKeyId = "kid" },
            OnDemand = new OnDemandOptions { Challenge = "dns-02", HandshakeWaitSeconds = 45, MaxOrders = 0 },
            Renewal = new RenewalOptions { CheckIntervalMinutes = 0, RenewWhenRemaining = 1.5 },
        };

        var problems = CertificateOptionsValidation.Problems(options);

        foreach (var setting in new[] { "Store", "DirectoryUrl", "Contacts", "EabKeyId", "Challenge", "HandshakeWaitSeconds", "MaxOrders", "CheckIntervalMinutes", "RenewWhenRemaining" })
        {
            Assert.Contains(problems, p => p.Contains(setting, StringComparison.Ordinal));
        }
    }
}
