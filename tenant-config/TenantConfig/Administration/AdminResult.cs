namespace Sintestesia.TenantConfig.Administration;

public enum AdminErrorKind
{
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>Why an administrative change was refused, as a sentence fit for an ops person.</summary>
public sealed record AdminError(AdminErrorKind Kind, string Message);

/// <summary>Either a value or the reason it could not be produced.</summary>
public sealed record AdminResult<T>(T? Value, AdminError? Error)
{
    public bool Succeeded => Error is null;

    public static implicit operator AdminResult<T>(T value) => new(value, null);

    public static implicit operator AdminResult<T>(AdminError error) => new(default, error);
}

internal static class Refuse
{
    public static AdminError Invalid(string message) => new(AdminErrorKind.Invalid, message);

    public static AdminError NotFound(string tenantId) => new(AdminErrorKind.NotFound, $"No tenant has the ID '{tenantId}'.");

    /// <summary>Something of a tenant (a conversation, say) is missing; the sentence names it.</summary>
    public static AdminError Missing(string message) => new(AdminErrorKind.NotFound, message);

    public static AdminError Conflict(string message) => new(AdminErrorKind.Conflict, message);
}
