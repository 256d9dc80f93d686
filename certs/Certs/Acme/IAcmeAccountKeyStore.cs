namespace Sintestesia.Certs;

/// <summary>
/// Keeps the ACME account key, so every start (and every gateway sharing the store) uses one account per CA instead
/// of registering new ones.
/// </summary>
public interface IAcmeAccountKeyStore
{
    /// <summary>
    /// The account key for the CA at <paramref name="directoryUrl"/>, created and kept on first use. Two callers
    /// creating it at once get the same key. The caller disposes the key.
    /// </summary>
    Task<AcmeAccountKey> LoadOrCreateAsync(Uri directoryUrl, CancellationToken cancellationToken);
}
