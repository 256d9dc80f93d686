using Sintestesia.BotHost.Engine;
using Sintestesia.BotHost.Llm;

namespace Sintestesia.BotHost.Tests.Conversation;

/// <summary>A shopper talking to the offline engine, carrying the conversation's memory from one message to the next.</summary>
internal sealed class Shopper(ShopCatalog shop)
{
    private static readonly ReplyEngine Engine = new(new NoLlmResponder(), TimeProvider.System);

    private ConversationStatus _status = new(false, false, ConversationMemory.Empty);

    public EngineReply Last { get; private set; } = null!;

    public string Says(string message)
    {
        Last = Engine.ReplyAsync(shop, _status, message, CancellationToken.None).GetAwaiter().GetResult();
        _status = new ConversationStatus(Last.Handoff, Last.OptedOut, Last.Memory);
        return Last.Text ?? string.Empty;
    }

    public static string Ask(ShopCatalog shop, string message) => new Shopper(shop).Says(message);
}
