using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sintestesia.Certs.Store;

namespace Sintestesia.Certs;

/// <summary>
/// Stores each certificate as two PEM files under a data directory: <c>{name}.chain.pem</c> (leaf, then
/// intermediates) and <c>{name}.key.pem</c> (PKCS#8, mode 0600). Wildcard names are stored as
/// <c>_wildcard.{domain}</c>. Files are replaced atomically by writing a temporary file and renaming it.
/// </summary>
public sealed partial class FileCertificateStore : ICertificateStore
{
    // Key and chain are two renames. Within this process a lock per directory keeps readers out from between them;
    // a writer in another process (a CLI) can still be caught between them, so a mismatched pair is read again.
    private const int LoadAttempts = 5;
    private static readonly ConcurrentDictionary<string, Lock> Gates = new(StringComparer.Ordinal);
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly ILogger _logger;
    private readonly Lock _gate;

    /// <summary>Creates a store under <paramref name="directory"/>, creating it (mode 0700) if missing.</summary>
    public FileCertificateStore(string directory, ILogger<FileCertificateStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _gate = Gates.GetOrAdd(Directory, _ => new Lock());
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, OwnerOnlyDirectory);
        }
    }

    /// <summary>The absolute data directory.</summary>
    public string Directory { get; }

    /// <summary>The path of the chain PEM file for <paramref name="name"/> (leaf first, then intermediates).</summary>
    public string GetChainPath(string name) => Path.Combine(Directory, StoreFileNames.ToFileStem(name) + StoreFileNames.ChainSuffix);

    /// <summary>The path of the private key PEM file for <paramref name="name"/>.</summary>
    public string GetKeyPath(string name) => Path.Combine(Directory, StoreFileNames.ToFileStem(name) + StoreFileNames.KeySuffix);

    /// <inheritdoc />
    public void Save(string name, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(intermediates);
        var keyPem = CertificatePem.EncodeKey(certificate);
        var chainPem = CertificatePem.EncodeChain(certificate, intermediates);
        var keyPath = GetKeyPath(name);
        var chainPath = GetChainPath(name);
        string? keyTemp = null, chainTemp = null;
        try
        {
            keyTemp = AtomicFile.WriteTemporary(keyPath, keyPem);
            chainTemp = AtomicFile.WriteTemporary(chainPath, chainPem);

            // Both files are on disk; the two renames run back to back so readers rarely see a mismatched pair.
            lock (_gate)
            {
                AtomicFile.Commit(keyTemp, keyPath);
                AtomicFile.Commit(chainTemp, chainPath);
            }
        }
        finally
        {
            // After a successful commit the temporary files no longer exist; after a failure they must not linger.
            DeleteIfPresent(keyTemp);
            DeleteIfPresent(chainTemp);
        }

        Log.Saved(_logger, name, certificate.Thumbprint, certificate.NotAfter);
    }

    /// <inheritdoc />
    public StoredCertificate? TryLoad(string name)
    {
        var chainPath = GetChainPath(name);
        var keyPath = GetKeyPath(name);
        for (var attempt = 1; ; attempt++)
        {
            string chainPem, keyPem;
            try
            {
                lock (_gate)
                {
                    chainPem = File.ReadAllText(chainPath);
                    keyPem = File.ReadAllText(keyPath);
                }
            }
            catch (FileNotFoundException)
            {
                return null;
            }

            try
            {
                var (certificate, intermediates) = CertificatePem.Decode(chainPem, keyPem);
                return new StoredCertificate(StoreFileNames.ToName(StoreFileNames.ToFileStem(name)), certificate, intermediates);
            }
            catch (CryptographicException ex) when (attempt < LoadAttempts)
            {
                Log.Retrying(_logger, chainPath, keyPath, ex.Message);
                Thread.Sleep(10 * attempt);
            }
            catch (CryptographicException ex)
            {
                throw new InvalidDataException($"Stored certificate '{name}' is corrupt: '{chainPath}' and '{keyPath}' are not a valid certificate chain and matching private key ({ex.Message}).", ex);
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> List() =>
        System.IO.Directory.EnumerateFiles(Directory, "*" + StoreFileNames.ChainSuffix)
            .Select(path => Path.GetFileName(path)[..^StoreFileNames.ChainSuffix.Length])
            .Where(stem => !stem.StartsWith('.'))
            .Select(StoreFileNames.ToName)
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// Loads every stored certificate, as at start-up. A corrupt entry is logged with its file names and left out,
    /// never served.
    /// </summary>
    public IReadOnlyList<StoredCertificate> LoadAll()
    {
        var loaded = new List<StoredCertificate>();
        foreach (var name in List())
        {
            try
            {
                if (TryLoad(name) is { } stored)
                {
                    loaded.Add(stored);
                }
            }
            catch (InvalidDataException ex)
            {
                Log.Corrupt(_logger, name, ex);
            }
        }

        return loaded;
    }

    private static void DeleteIfPresent(string? path)
    {
        if (path is not null)
        {
            File.Delete(path);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Stored certificate {Name} ({Thumbprint}, expires {NotAfter:o})")]
        public static partial void Saved(ILogger logger, string name, string thumbprint, DateTime notAfter);

        [LoggerMessage(2, LogLevel.Debug, "Certificate files {ChainPath} and {KeyPath} did not match, reading again: {Reason}")]
        public static partial void Retrying(ILogger logger, string chainPath, string keyPath, string reason);

        [LoggerMessage(3, LogLevel.Error, "Stored certificate {Name} is corrupt and is not served")]
        public static partial void Corrupt(ILogger logger, string name, Exception exception);
    }
}
