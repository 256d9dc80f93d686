namespace Sintestesia.BotHost.Conversation;

/// <summary>
/// Lengths of the <c>messages</c> columns the bot host fills from what channels send (tenant-config's model).
/// PostgreSQL refuses a longer value where SQLite would store it, so the bot host refuses or shortens first and
/// behaves the same on both.
/// </summary>
internal static class StoredLengths
{
    public const int Phone = 40;
    public const int ProviderMessageId = 100;
    public const int IdempotencyKey = 200;
    public const int Error = 1000;

    public static string Shorten(string text) => text.Length > Error ? text[..Error] : text;
}
