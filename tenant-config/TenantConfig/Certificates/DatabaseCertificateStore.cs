using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sintestesia.Certs;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;

namespace Sintestesia.TenantConfig.Certificates;

/// <summary>
/// Stores certificates in the tenant database (table <c>certificates</c>), so every gateway sharing the database
/// serves what any one of them obtained. The chain is plain PEM, leaf first; the PKCS#8 private key PEM is encrypted
/// with <see cref="SecretProtector"/> under <see cref="SecretProtector.CertificateKeyPurpose"/>. Chain and key live in
/// one row, so a replacement is a single row update: readers see the old pair or the new one, never a mix.
/// </summary>
public sealed partial class DatabaseCertificateStore : ICertificateStore
{
    private readonly IDbContextFactory<TenantDbContext> _contexts;
    private readonly SecretProtector _secrets;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a store over the database that <paramref name="contexts"/> opens.</summary>
    public DatabaseCertificateStore(
        IDbContextFactory<TenantDbContext> contexts,
        SecretProtector secrets,
        TimeProvider? time = null,
        ILogger<DatabaseCertificateStore>? logger = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _secrets = secrets ?? throw new ArgumentNullException(nameof(secrets));
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public void Save(string name, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(intermediates);
        var key = CertificateNames.Normalize(name);
        var chainPem = CertificatePem.EncodeChain(certificate, intermediates);
        var keyPemEnc = _secrets.Protect(CertificatePem.EncodeKey(certificate), SecretProtector.CertificateKeyPurpose(key));
        var notAfter = certificate.NotAfter.ToUniversalTime();

        // Two gateways may insert the same new name at once; on PostgreSQL the loser's insert fails on the primary
        // key, and its second attempt finds the row and replaces it. SQLite's writer lock serializes them anyway.
        for (var attempt = 1; ; attempt++)
        {
            using var db = _contexts.CreateDbContext();
            using var transaction = db.Database.BeginTransaction();
            var row = db.Certificates.Find(key);
            if (row is null)
            {
                row = new StoredCertificateRow { Name = key, ChainPem = chainPem, KeyPemEnc = keyPemEnc };
                db.Certificates.Add(row);
            }

            row.ChainPem = chainPem;
            row.KeyPemEnc = keyPemEnc;
            row.NotAfter = notAfter;
            row.UpdatedAt = _time.GetUtcNow().UtcDateTime;
            try
            {
                db.SaveChanges();
                transaction.Commit();
                break;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                transaction.Rollback();
            }
        }

        Log.Saved(_logger, key, certificate.Thumbprint, notAfter);
    }

    /// <inheritdoc />
    public StoredCertificate? TryLoad(string name)
    {
        var key = CertificateNames.Normalize(name);
        StoredCertificateRow? row;
        using (var db = _contexts.CreateDbContext())
        {
            row = db.Certificates.AsNoTracking().SingleOrDefault(c => c.Name == key);
        }

        if (row is null)
        {
            return null;
        }

        string keyPem;
        try
        {
            keyPem = _secrets.Unprotect(row.KeyPemEnc, SecretProtector.CertificateKeyPurpose(key));
        }
        catch (SecretDecryptionException ex)
        {
            // The protector's message names a key ID or a format problem, never key material.
            throw new InvalidDataException(
                $"Stored certificate '{key}' (table certificates) has a private key that cannot be decrypted with the configured secret keys: {ex.Message}", ex);
        }

        try
        {
            var (certificate, issuers) = CertificatePem.Decode(row.ChainPem, keyPem);
            return new StoredCertificate(key, certificate, issuers);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new InvalidDataException(
                $"Stored certificate '{key}' (table certificates) is corrupt: its chain and private key are not a valid certificate and matching key.", ex);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> List()
    {
        using var db = _contexts.CreateDbContext();
        return db.Certificates.AsNoTracking().Select(c => c.Name).AsEnumerable().Order(StringComparer.Ordinal).ToArray();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Stored certificate {Name} in the database ({Thumbprint}, expires {NotAfter:o})")]
        public static partial void Saved(ILogger logger, string name, string thumbprint, DateTime notAfter);
    }
}
