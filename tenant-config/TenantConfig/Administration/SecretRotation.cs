namespace Sintestesia.TenantConfig.Administration;

/// <summary>What a key rotation did, per encrypted column; counts only, never a secret.</summary>
public sealed record SecretRotation(IReadOnlyList<SecretColumnRotation> Columns)
{
    public int ReEncrypted => Columns.Sum(c => c.ReEncrypted);

    public int AlreadyCurrent => Columns.Sum(c => c.AlreadyCurrent);
}

/// <param name="Column">The column as <c>table.column</c>.</param>
/// <param name="ReEncrypted">Secrets that were on an older key and now are on the current one.</param>
/// <param name="AlreadyCurrent">Secrets that were on the current key already and were left alone.</param>
public sealed record SecretColumnRotation(string Column, int ReEncrypted, int AlreadyCurrent);
