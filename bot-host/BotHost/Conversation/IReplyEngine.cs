using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Conversation;

/// <summary>What a shop knows when it answers: its own name and catalog, nothing of any other shop.</summary>
public sealed record ShopContext(string TenantId, string Name, IReadOnlyList<Product> Products);

/// <summary>Turns a shopper's message into the shop's answer.</summary>
public interface IReplyEngine
{
    string Reply(ShopContext shop, string message);
}
