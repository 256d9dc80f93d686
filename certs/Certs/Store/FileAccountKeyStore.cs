using Sintestesia.Certs.Store;

namespace Sintestesia.Certs;

/// <summary>
/// Keeps the ACME account key in one PEM file (PKCS#8, mode 0600), e.g. next to the certificates; one key whatever the
/// directory URL, as a process ordering from one CA needs.
/// </summary>
/// <param name="path">The key file, created with its folder on first use.</param>
public sealed class FileAccountKeyStore(string path) : IAcmeAccountKeyStore
{
    /// <summary>The key file.</summary>
    public string FilePath { get; } = Path.GetFullPath(path);

    /// <inheritdoc />
    public Task<AcmeAccountKey> LoadOrCreateAsync(Uri directoryUrl, CancellationToken cancellationToken)
    {
        if (TryLoad() is { } existing)
        {
            return Task.FromResult(existing);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var key = AcmeAccountKey.Generate();
        AtomicFile.Commit(AtomicFile.WriteTemporary(FilePath, key.ExportPkcs8Pem()), FilePath);
        return Task.FromResult(key);
    }

    /// <summary>The key in the file, or <see langword="null"/> when there is no file yet.</summary>
    public AcmeAccountKey? TryLoad() => File.Exists(FilePath) ? AcmeAccountKey.ImportPkcs8Pem(File.ReadAllText(FilePath)) : null;
}
