using System.ComponentModel.DataAnnotations;

namespace Sintestesia.BotHost.Llm;

/// <summary>Section <c>Llm</c>: which language model answers, if any. The key comes from <c>Llm__ApiKey</c>, never from a file.</summary>
internal sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";

    /// <summary><c>none</c> (the offline engine answers alone), <c>openai</c> (any OpenAI-compatible endpoint) or <c>ollama</c>.</summary>
    public string Provider { get; set; } = LlmProviders.None;

    /// <summary>
    /// For <c>openai</c> the OpenAI-compatible base URL, e.g. <c>https://api.openai.com/v1</c> or <c>http://127.0.0.1:11434/v1</c>;
    /// for <c>ollama</c> Ollama's own root URL, e.g. <c>http://127.0.0.1:11434</c>.
    /// </summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    public string? Model { get; set; }

    [Range(1, 120, ErrorMessage = "Llm:TimeoutSeconds must be between 1 and 120 seconds.")]
    public int TimeoutSeconds { get; set; } = 8;

    [Range(1, 50, ErrorMessage = "Llm:MaxRetrievedProducts must be between 1 and 50.")]
    public int MaxRetrievedProducts { get; set; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!LlmProviders.IsKnown(Provider))
        {
            yield return new ValidationResult(
                $"Llm:Provider must be none, openai or ollama, but it is '{Provider}'.", [nameof(Provider)]);
            yield break;
        }

        if (LlmProviders.IsNone(Provider))
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult(
                $"Llm:Model must name the model to ask when Llm:Provider is {Provider}.", [nameof(Model)]);
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult(
                $"Llm:Endpoint must be an absolute http or https URL when Llm:Provider is {Provider}, but it is '{Endpoint}'.", [nameof(Endpoint)]);
        }
    }
}
