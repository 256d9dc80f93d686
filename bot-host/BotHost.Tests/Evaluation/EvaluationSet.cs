using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sintestesia.BotHost.Tests.Evaluation;

/// <summary>The shoppers' conversations of <c>eval-set.json</c>, each turn with what a good answer must do.</summary>
public sealed record EvaluationSet([property: JsonPropertyName("conversations")] IReadOnlyList<EvaluationConversation> Conversations)
{
    public static EvaluationSet Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Evaluation", "eval-set.json");
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<EvaluationSet>(stream) ?? throw new InvalidDataException($"{path} is empty.");
    }
}

public sealed record EvaluationConversation(
    [property: JsonPropertyName("shop")] string Shop,
    [property: JsonPropertyName("turns")] IReadOnlyList<EvaluationTurn> Turns);

public sealed record EvaluationTurn(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("expect")] Expectation Expect);

public sealed record Expectation(
    [property: JsonPropertyName("intent")] string Intent,
    [property: JsonPropertyName("mentions")] IReadOnlyList<string>? Mentions,
    [property: JsonPropertyName("absent")] IReadOnlyList<string>? Absent,
    [property: JsonPropertyName("alternatives_in_category")] bool AlternativesInCategory,
    [property: JsonPropertyName("same_as_listed_position")] int? SameAsListedPosition);
