using System.ComponentModel.DataAnnotations;

namespace Sintestesia.BotHost.Conversation;

/// <summary>Section <c>Conversation</c>.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversation";

    /// <summary>After this long without messages the bot forgets the last product and list (hand-off and opt-out stay).</summary>
    [Range(1, 7 * 24 * 60)]
    public int IdleMinutes { get; set; } = 30;

    /// <summary>How long a repeated delivery of a message still being answered waits for that answer.</summary>
    [Range(1, 60)]
    public int DuplicateWaitSeconds { get; set; } = 10;
}
