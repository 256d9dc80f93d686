using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sintestesia.Certs;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;

namespace Sintestesia.TenantConfig.Certificates;

/// <summary>
/// Keeps the ACME account key in the tenant database (table <c>acme_accounts</c>), one per CA directory URL, so every
/// gateway sharing the database orders as one account. The PKCS#8 private key PEM is encrypted with
/// <see cref="SecretProtector"/> under <see cref="SecretProtector.AcmeAccountKeyPurpose"/>, like certificate keys.
/// </summary>
public sealed partial class DatabaseAccountKeyStore : IAcmeAccountKeyStore
{
    private readonly IDbContextFactory<TenantDbContext> _contexts;
    private readonly SecretProtector _secrets;
    private readonly TimeProvider _time;
    private readonly FileAccountKeyStore? _importFrom;
    private readonly ILogger _logger;

    /// <summary>Creates a store over the database that <paramref name="contexts"/> opens.</summary>
    /// <param name="contexts">Opens the tenant database.</param>
    /// <param name="secrets">Encrypts and decrypts the key.</param>
    /// <param name="time">Stamps new rows.</param>
    /// <param name="importFrom">
    /// A key file kept before the database was shared: when the database has no key yet, the file's key becomes the
    /// shared one, so the account it registered stays in use. Never written.
    /// </param>
    /// <param name="logger">Says where a new key came from.</param>
    public DatabaseAccountKeyStore(
        IDbContextFactory<TenantDbContext> contexts,
        SecretProtector secrets,
        TimeProvider? time = null,
        FileAccountKeyStore? importFrom = null,
        ILogger<DatabaseAccountKeyStore>? logger = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _secrets = secrets ?? throw new ArgumentNullException(nameof(secrets));
        _time = time ?? TimeProvider.System;
        _importFrom = importFrom;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The stored key cannot be decrypted with the configured secret keys, or is corrupt.</exception>
    public async Task<AcmeAccountKey> LoadOrCreateAsync(Uri directoryUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directoryUrl);
        var url = directoryUrl.AbsoluteUri;
        if (await TryLoadAsync(url, cancellationToken) is { } stored)
        {
            return stored;
        }

        var imported = _importFrom?.TryLoad();
        var key = imported ?? AcmeAccountKey.Generate();
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            db.AcmeAccounts.Add(new AcmeAccountRow
            {
                DirectoryUrl = url,
                KeyPemEnc = _secrets.Protect(key.ExportPkcs8Pem(), SecretProtector.AcmeAccountKeyPurpose(url)),
                CreatedAt = _time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another gateway stored its key first: that key is the account's, and ours was never used.
            key.Dispose();
            return await TryLoadAsync(url, cancellationToken)
                ?? throw new InvalidOperationException($"The ACME account key for {url} could not be stored in table acme_accounts: {ex.Message}", ex);
        }

        if (imported is not null)
        {
            Log.Imported(_logger, url, _importFrom!.FilePath);
        }
        else
        {
            Log.Created(_logger, url);
        }

        return key;
    }

    private async Task<AcmeAccountKey?> TryLoadAsync(string url, CancellationToken cancellationToken)
    {
        string? keyPemEnc;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            keyPemEnc = await db.AcmeAccounts.AsNoTracking()
                .Where(a => a.DirectoryUrl == url)
                .Select(a => a.KeyPemEnc)
                .SingleOrDefaultAsync(cancellationToken);
        }

        if (keyPemEnc is null)
        {
            return null;
        }

        try
        {
            return AcmeAccountKey.ImportPkcs8Pem(_secrets.Unprotect(keyPemEnc, SecretProtector.AcmeAccountKeyPurpose(url)));
        }
        catch (SecretDecryptionException ex)
        {
            // The protector's message names a key ID or a format problem, never key material.
            throw new InvalidDataException(
                $"The ACME account key for {url} (table acme_accounts) cannot be decrypted with the configured secret keys: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new InvalidDataException($"The ACME account key for {url} (table acme_accounts) is not an ECDSA P-256 private key PEM.", ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "ACME account key for {DirectoryUrl} created and stored in the database; every gateway sharing it orders as this account")]
        public static partial void Created(ILogger logger, string directoryUrl);

        [LoggerMessage(2, LogLevel.Information, "ACME account key for {DirectoryUrl} imported from {Path} into the database; every gateway sharing it orders as this account")]
        public static partial void Imported(ILogger logger, string directoryUrl, string path);
    }
}
