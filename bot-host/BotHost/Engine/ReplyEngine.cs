using Sintestesia.BotHost.Llm;
using Sintestesia.BotHost.Search;

namespace Sintestesia.BotHost.Engine;

/// <summary>
/// The shop assistant: opt-out and hand-off first, then the question itself — answered by a language model when
/// the shop has one on and its answer passes the grounding check, otherwise by the offline catalog engine.
/// </summary>
internal sealed class ReplyEngine(ILlmResponder llm, TimeProvider time)
{
    private const int RetrievedForModel = 8;

    public async Task<EngineReply> ReplyAsync(ShopCatalog catalog, ConversationStatus status, string message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(status);
        var cues = MessageCues.Of(message);
        var answers = new CatalogAnswers(catalog.Shop, catalog.Index);
        var memory = status.Memory;

        if (status.OptedOut)
        {
            return cues.IsOptIn
                ? new EngineReply(answers.OptedIn(), Intent.OptIn, ConversationMemory.Empty, status.Handoff, OptedOut: false)
                : new EngineReply(null, Intent.Silent, memory, status.Handoff, OptedOut: true);
        }

        if (cues.IsOptOut)
        {
            return new EngineReply(answers.OptedOut(), Intent.OptOut, ConversationMemory.Empty, status.Handoff, OptedOut: true);
        }

        if (status.Handoff)
        {
            return new EngineReply(null, Intent.Silent, memory.WithTurn(message, null), Handoff: true, OptedOut: false);
        }

        if (cues.AsksForPerson)
        {
            return new EngineReply(answers.Handoff(), Intent.Handoff, memory.WithTurn(message, null), Handoff: true, OptedOut: false);
        }

        var (text, intent, next) = await AnswerAsync(catalog, answers, cues, message, memory, ct);
        if (catalog.Shop.Hours is { } hours && intent is not (Intent.Thanks or Intent.Goodbye) && !hours.IsOpen(time.GetUtcNow()))
        {
            text += CatalogAnswers.OutOfHoursNote(hours);
        }

        return new EngineReply(text, intent, next.WithTurn(message, text), Handoff: false, OptedOut: false);
    }

    private async Task<(string Text, Intent Intent, ConversationMemory Memory)> AnswerAsync(
        ShopCatalog catalog, CatalogAnswers answers, MessageCues cues, string message, ConversationMemory memory, CancellationToken ct)
    {
        var index = catalog.Index;
        if (cues.Ordinal is { } ordinal && memory.LastListIds.Count > 0)
        {
            var position = ordinal < 0 ? memory.LastListIds.Count - 1 : ordinal - 1;
            var picked = position >= 0 && position < memory.LastListIds.Count ? index.Find(memory.LastListIds[position]) : null;
            if (picked is not null)
            {
                return (answers.Describe(picked, Intent.Product, []), Intent.Select, memory with { LastProductId = picked.Id });
            }
        }

        var asked = cues.AsksPrice ? Intent.Price : cues.AsksStock ? Intent.Stock : Intent.Product;
        var terms = index.Distinctive(CatalogIndex.TermsOf(QueryExpansion.Expand(cues.Text)));
        if (terms.Count == 0)
        {
            return WithoutProductWords(answers, cues, asked, index, memory);
        }

        var matches = index.Search(terms);
        var choice = ProductChoice.From(matches, cues.AsksForList || NamesCategoryInPlural(cues, index));
        if (choice.Products.Count == 0 && cues.IsSocial)
        {
            // "wena compa", "gracias po": the extra words were talk, not a product.
            return WithoutProductWords(answers, cues, asked, index, memory);
        }

        var greeting = cues.IsGreeting ? "¡Hola! " : string.Empty;

        if (catalog.Shop.LlmEnabled && choice.Products.Count > 0)
        {
            var retrieved = matches.Where(m => m.Weight > 0).Take(RetrievedForModel).Select(m => m.Product).ToList();
            var question = new GroundedQuestion(catalog.Shop.Name, catalog.Shop.Persona, message, retrieved, catalog.Shop.FormatPrice, memory.History);
            if (await llm.TryAnswerAsync(question, ct) is { } modelText)
            {
                var modelIntent = choice.IsSingle ? asked : Intent.List;
                return (modelText, modelIntent, Remember(memory, choice));
            }
        }

        if (choice.Products.Count == 0)
        {
            return (greeting + answers.NotFound(), Intent.NotFound, memory with { LastProductId = null, LastListIds = [] });
        }

        if (choice.IsSingle)
        {
            return (greeting + answers.Describe(choice.Products[0], asked, matches), asked, Remember(memory, choice));
        }

        return (greeting + answers.List(choice.Products), Intent.List, Remember(memory, choice));
    }

    private static (string, Intent, ConversationMemory) WithoutProductWords(
        CatalogAnswers answers, MessageCues cues, Intent asked, CatalogIndex index, ConversationMemory memory)
    {
        if (asked is Intent.Price or Intent.Stock)
        {
            return memory.LastProductId is { } id && index.Find(id) is { } last
                ? (answers.Describe(last, asked, []), asked, memory)
                : (CatalogAnswers.AskWhichProduct(asked), asked, memory);
        }

        return cues switch
        {
            { IsGoodbye: true } => (answers.Goodbye(), Intent.Goodbye, memory),
            { IsThanks: true } => (answers.Thanks(), Intent.Thanks, memory),
            { AsksForHelp: true } => (answers.Help(), Intent.Help, memory),
            { AsksForCatalog: true } => (answers.Catalog(), Intent.Catalog, memory),
            { IsGreeting: true } => (answers.Welcome(), Intent.Greeting, memory),
            _ => (answers.Help(), Intent.Help, memory),
        };
    }

    /// <summary>"que consolas", "los alimentos": a category named in plural asks for the list of it.</summary>
    private static bool NamesCategoryInPlural(MessageCues cues, CatalogIndex index) =>
        cues.Words.Where(w => w.Length > 3 && w.EndsWith('s')).SelectMany(CatalogIndex.TermsOf).Any(index.IsCategoryTerm);

    private static ConversationMemory Remember(ConversationMemory memory, ProductChoice choice) => choice.IsSingle
        ? memory with { LastProductId = choice.Products[0].Id, LastListIds = [] }
        : memory with { LastProductId = null, LastListIds = [.. choice.Products.Take(CatalogAnswers.MaxListed).Select(p => p.Id)] };
}
