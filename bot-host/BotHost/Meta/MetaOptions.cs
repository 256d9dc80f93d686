using System.ComponentModel.DataAnnotations;

namespace Sintestesia.BotHost.Meta;

/// <summary>Section <c>Meta</c>: where replies to WhatsApp Cloud API messages are sent, and how hard to try.</summary>
public sealed class MetaOptions
{
    public const string Section = "Meta";

    /// <summary>The Graph API's base URL; tests point it at a fake on loopback.</summary>
    [Required]
    [Url(ErrorMessage = "Meta:GraphBaseUrl must be an absolute http(s) URL such as https://graph.facebook.com.")]
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";

    [RegularExpression(@"^v\d{1,3}\.\d{1,3}$", ErrorMessage = "Meta:GraphVersion must look like v21.0.")]
    public string GraphVersion { get; set; } = "v21.0";

    /// <summary>Tries per reply when the Graph API fails with 5xx or 429, or cannot be reached.</summary>
    [Range(1, 6)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the second try; it doubles before each further one.</summary>
    [Range(0, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 500;

    /// <summary>How long one call to the Graph API may take.</summary>
    [Range(1, 120)]
    public int SendTimeoutSeconds { get; set; } = 15;

    /// <summary>Messages processed at once; one shopper's messages always go through the same worker, in order.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 4;

    /// <summary>Accepted messages waiting for a worker; beyond this the webhook answers 503 and Meta retries later.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1000;
}
