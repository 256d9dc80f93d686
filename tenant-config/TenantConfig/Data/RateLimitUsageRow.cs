namespace Sintestesia.TenantConfig.Data;

/// <summary>
/// How many of a shop's requests one gateway admitted in one minute (table <c>rate_limit_usage</c>); gateways add up
/// each other's rows so that a shop's limit holds across all of them, not per gateway.
/// </summary>
public sealed class RateLimitUsageRow
{
    public required string TenantId { get; set; }

    /// <summary>The minute, as whole minutes since the Unix epoch (UTC).</summary>
    public long WindowMinute { get; set; }

    public required string GatewayId { get; set; }

    public int Count { get; set; }
}
