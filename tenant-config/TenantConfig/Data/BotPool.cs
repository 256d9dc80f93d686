namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// A named set of bot-host destinations (table <c>bot_pools</c>); shops pointing at it (<c>tenant_clients.bot_pool_id</c>)
/// are served only by its hosts, the others by the gateway's default pool.
/// </summary>
public sealed class BotPool
{
    /// <summary>A DNS-label-like name, e.g. <c>premium</c>.</summary>
    public required string Id { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<BotPoolDestination> Destinations { get; } = [];
}

/// <summary>One bot host of a pool (table <c>bot_pool_destinations</c>), e.g. <c>http://10.0.0.7:9101</c>.</summary>
public sealed class BotPoolDestination
{
    public long Id { get; set; }

    public required string PoolId { get; set; }

    public required string Address { get; set; }
}
