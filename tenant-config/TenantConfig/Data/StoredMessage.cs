namespace Sintestesia.TenantConfig.Data;

/// <summary>An inbound or outbound message of a tenant's conversation (table <c>messages</c>).</summary>
public sealed class StoredMessage
{
    public long Id { get; set; }
    public required string TenantId { get; set; }
    public required string Direction { get; set; }
    public required string Channel { get; set; }
    public required string Phone { get; set; }
    public required string Body { get; set; }

    /// <summary>Twilio <c>MessageSid</c> or Meta <c>wamid</c> of an inbound message; unique per tenant.</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>For an outbound message, the inbound message it answers.</summary>
    public long? InReplyToId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>For an outbound message: <c>sent</c>, or <c>suppressed</c> when the bot stayed quiet on purpose.</summary>
    public string? Status { get; set; }

    /// <summary>Why delivery failed, as the provider said it (outbound through a provider's API).</summary>
    public string? Error { get; set; }

    /// <summary>Media and location of an inbound message as JSON (<c>[{"url","content_type"}]</c>, <c>{"latitude","longitude"}</c>).</summary>
    public string? Media { get; set; }

    /// <summary>The provider's idempotency token (Twilio <c>I-Twilio-Idempotency-Token</c>), unique per tenant.</summary>
    public string? IdempotencyKey { get; set; }
}

public static class MessageDirection
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}

public static class MessageStatus
{
    public const string Sent = "sent";
    public const string Suppressed = "suppressed";
}
