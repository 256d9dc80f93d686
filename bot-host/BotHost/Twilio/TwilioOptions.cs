using System.ComponentModel.DataAnnotations;

namespace Sintestesia.BotHost.Twilio;

/// <summary>Section <c>Twilio</c>: how replies leave through Twilio's REST API.</summary>
public sealed class TwilioOptions : IValidatableObject
{
    public const string Section = "Twilio";

    /// <summary>Where Twilio's REST API is; tests point it at a fake on loopback.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>
    /// How long a webhook waits for its answer before replying with an empty <c>&lt;Response/&gt;</c> and sending the
    /// answer through the REST API when it is ready (Twilio gives up on a webhook after 15 s).
    /// </summary>
    [Range(0.1, 14, ErrorMessage = "Twilio:ReplyBudgetSeconds must be between 0.1 and 14 seconds (Twilio waits 15 s).")]
    public double ReplyBudgetSeconds { get; set; } = 10;

    /// <summary>Tries per REST call, the first included; 5xx answers, 408/429 and timeouts are retried.</summary>
    [Range(1, 10, ErrorMessage = "Twilio:MaxAttempts must be between 1 and 10.")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; each later one doubles it (with jitter).</summary>
    [Range(1, 60_000, ErrorMessage = "Twilio:RetryDelayMilliseconds must be between 1 and 60000.")]
    public int RetryDelayMilliseconds { get; set; } = 500;

    /// <summary>How long one REST call may take before it counts as failed (and is retried).</summary>
    [Range(1, 120, ErrorMessage = "Twilio:AttemptTimeoutSeconds must be between 1 and 120.")]
    public int AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>REST sends in flight at once, across tenants, so one slow tenant cannot hold everyone's replies.</summary>
    [Range(1, 256, ErrorMessage = "Twilio:MaxConcurrentSends must be between 1 and 256.")]
    public int MaxConcurrentSends { get; set; } = 8;

    /// <summary>
    /// Where Twilio posts delivery statuses of the messages sent here; <c>{slug}</c> is the tenant's slug. Empty: no
    /// status callbacks are asked for.
    /// </summary>
    public string? StatusCallbackUrl { get; set; } = "https://{slug}.sintestesia.cl/bot/twilio/status";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsHttpUrl(ApiBaseUrl))
        {
            yield return new ValidationResult($"Twilio:ApiBaseUrl must be an absolute http or https URL, but it is '{ApiBaseUrl}'.", [nameof(ApiBaseUrl)]);
        }

        if (!string.IsNullOrEmpty(StatusCallbackUrl) && !IsHttpUrl(StatusCallbackUrl.Replace("{slug}", "slug", StringComparison.Ordinal)))
        {
            yield return new ValidationResult(
                $"Twilio:StatusCallbackUrl must be empty or an absolute http or https URL (with {{slug}}), but it is '{StatusCallbackUrl}'.",
                [nameof(StatusCallbackUrl)]);
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
