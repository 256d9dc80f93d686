namespace Sintestesia.Certs;

/// <summary>Publishes and removes the TXT records that DNS-01 challenges (RFC 8555 section 8.4) ask for.</summary>
public interface IDnsChallengeProvider
{
    /// <summary>Adds <paramref name="value"/> to the TXT records of <paramref name="name"/> (e.g. <c>_acme-challenge.example.org</c>), keeping other values.</summary>
    Task PublishTxtAsync(string name, string value, CancellationToken cancellationToken);

    /// <summary>Removes every challenge TXT record of <paramref name="name"/>.</summary>
    Task ClearTxtAsync(string name, CancellationToken cancellationToken);
}
