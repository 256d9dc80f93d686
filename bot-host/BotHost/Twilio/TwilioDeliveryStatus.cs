using Sintestesia.BotHost.Conversation;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Twilio;

/// <summary>
/// Statuses an outbound row goes through when it leaves through Twilio's REST API: <c>queued</c> (stored, not yet
/// handed over), <c>sent</c> (Twilio accepted it, its SID stored) or <c>failed</c> (with the error), then whatever
/// Twilio's status callbacks report.
/// </summary>
internal static class TwilioDeliveryStatus
{
    public const string Failed = "failed";

    // Twilio's callbacks can arrive out of order; a status never moves back to an earlier stage.
    private static readonly Dictionary<string, int> Stages = new(StringComparer.Ordinal)
    {
        ["accepted"] = 1, ["scheduled"] = 1, [ReplyRoute.QueuedStatus] = 1, ["sending"] = 2, [MessageStatus.Sent] = 3,
        ["delivered"] = 4, ["undelivered"] = 4, [Failed] = 4, ["canceled"] = 4, ["partially_delivered"] = 4, ["read"] = 5,
    };

    public static bool IsKnown(string status) => Stages.ContainsKey(status);

    /// <summary>Whether a callback saying <paramref name="next"/> may replace <paramref name="current"/>.</summary>
    public static bool Advances(string? current, string next) =>
        current is null || !Stages.TryGetValue(current, out var stage) || Stages[next] >= stage;
}
