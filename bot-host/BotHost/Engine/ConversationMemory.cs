using System.Text.Json.Serialization;
using System.Text.Json;
using Sintestesia.BotHost.Llm;

namespace Sintestesia.BotHost.Engine;

/// <summary>
/// What the bot remembers of a conversation between messages: the product last talked about, the list last
/// shown (for "el segundo"), and a few recent turns for the language model. Stored as JSON per (tenant, phone).
/// </summary>
public sealed record ConversationMemory(
    [property: JsonPropertyName("last_product")] string? LastProductId,
    [property: JsonPropertyName("last_list")] IReadOnlyList<string> LastListIds,
    [property: JsonPropertyName("history")] IReadOnlyList<ConversationTurn> History)
{
    private const int KeptTurns = 6;

    public static readonly ConversationMemory Empty = new(null, [], []);

    public ConversationMemory WithTurn(string shopper, string? shop) => this with
    {
        History = [.. History, new ConversationTurn(true, shopper), .. shop is null ? Array.Empty<ConversationTurn>() : [new ConversationTurn(false, shop)]],
    };

    public ConversationMemory Trimmed() => History.Count <= KeptTurns ? this : this with { History = [.. History.Skip(History.Count - KeptTurns)] };

    public string ToJson() => JsonSerializer.Serialize(Trimmed());

    public static ConversationMemory FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<ConversationMemory>(json) ?? Empty;
        }
        catch (JsonException)
        {
            // A state written by an older version is not worth an error to the shopper: start afresh.
            return Empty;
        }
    }
}
