namespace Sintestesia.TenantConfig.Administration;

/// <summary>A shopper's conversation as ops see it; what the bot remembers of it stays the bot's.</summary>
public sealed record ConversationRecord(string Phone, bool Handoff, bool OptedOut, DateTime UpdatedAt);

/// <summary>The filters ops list conversations by.</summary>
public static class ConversationStates
{
    public const string All = "all";
    public const string Handoff = "handoff";
    public const string OptedOut = "opted_out";

    public static bool IsValid(string? state) => state is All or Handoff or OptedOut;
}
