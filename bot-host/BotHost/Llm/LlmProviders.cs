namespace Sintestesia.BotHost.Llm;

/// <summary>The values <see cref="LlmOptions.Provider"/> accepts, compared without regard to case.</summary>
internal static class LlmProviders
{
    public const string None = "none";
    public const string OpenAI = "openai";
    public const string Ollama = "ollama";

    public static bool IsNone(string? provider) => string.IsNullOrWhiteSpace(provider) || Is(provider, None);

    public static bool IsKnown(string? provider) => IsNone(provider) || Is(provider, OpenAI) || Is(provider, Ollama);

    public static bool Is(string? provider, string name) => string.Equals(provider?.Trim(), name, StringComparison.OrdinalIgnoreCase);
}
