using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Llm;

/// <summary>What the model may know for one answer: this shop, this message, and only products retrieved from this shop's catalog.</summary>
/// <param name="ShopName">The shop's name.</param>
/// <param name="Persona">The tenant's persona instructions, or null for the default shop assistant.</param>
/// <param name="Message">The shopper's message.</param>
/// <param name="Retrieved">The shop's products the search found relevant (at most a handful); the only products the model sees.</param>
/// <param name="FormatPrice">How this shop writes a price (e.g. CLP 12990 → "$12.990").</param>
/// <param name="History">Recent turns of this conversation, oldest first.</param>
public sealed record GroundedQuestion(
    string ShopName,
    string? Persona,
    string Message,
    IReadOnlyList<Product> Retrieved,
    Func<decimal, string> FormatPrice,
    IReadOnlyList<ConversationTurn> History);

public sealed record ConversationTurn(bool FromShopper, string Text);

/// <summary>
/// Answers with a language model when one is configured and the tenant has it on. Returns null whenever the
/// offline engine must answer instead: not configured, timeout, error, or an answer that failed the grounding check.
/// </summary>
public interface ILlmResponder
{
    Task<string?> TryAnswerAsync(GroundedQuestion question, CancellationToken cancellationToken);
}
