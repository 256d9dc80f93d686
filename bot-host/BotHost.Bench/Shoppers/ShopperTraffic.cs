using System.Globalization;

namespace Sintestesia.BotHost.Bench.Shoppers;

/// <summary>
/// A pool of shoppers' phones, each working through the scripted conversations in order, so every follow-up
/// ("y cuanto cuesta?", "el 2") lands on the conversation memory of the same phone. Each load client owns its
/// own phones: one phone's messages are never in flight twice at once.
/// </summary>
internal sealed class ShopperTraffic
{
    private readonly ClientShoppers[] _clients;

    public ShopperTraffic(IReadOnlyList<string[]> conversations, int phones, int clients)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentOutOfRangeException.ThrowIfLessThan(phones, clients);
        var all = Enumerable.Range(0, phones)
            .Select(p => new Shopper(PhoneNumber(p), conversations, (p * 13) % conversations.Count))
            .ToArray();
        _clients = [.. Enumerable.Range(0, clients).Select(c => new ClientShoppers(all.Where((_, p) => p % clients == c).ToArray()))];
    }

    public ClientShoppers Client(int index) => _clients[index];

    private static string PhoneNumber(int p) => "+569" + (10_000_000 + p).ToString(CultureInfo.InvariantCulture);
}

/// <summary>One load client's phones, taken in turn.</summary>
internal sealed class ClientShoppers(Shopper[] shoppers)
{
    private int _next;

    public (string Phone, string Message) Next()
    {
        var shopper = shoppers[_next];
        _next = (_next + 1) % shoppers.Length;
        return (shopper.Phone, shopper.NextMessage());
    }
}

/// <summary>One phone: the conversation it is in and the turn it is at.</summary>
internal sealed class Shopper(string phone, IReadOnlyList<string[]> conversations, int firstConversation)
{
    private int _conversation = firstConversation;
    private int _turn;

    public string Phone { get; } = phone;

    public string NextMessage()
    {
        var message = conversations[_conversation][_turn];
        if (++_turn == conversations[_conversation].Length)
        {
            _turn = 0;
            _conversation = (_conversation + 1) % conversations.Count;
        }

        return message;
    }
}
