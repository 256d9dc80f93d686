using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Sintestesia.Gateway.Proxy;
using Sintestesia.TenantConfig.Hosting;
using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// The ASP.NET Core rate limiter of the proxy pipeline: one token bucket per resolved tenant, so a shop that uses up
/// its limit is refused on its own while every other shop's bucket is untouched. It runs right after tenant resolution,
/// so requests refused there (unknown shop, bad body) count against no one. When limits are shared across gateways, the
/// bucket is entered only while the shop's shared minute has room (<see cref="SharedTenantLimiter"/>).
/// </summary>
internal sealed partial class TenantRateLimits : IDisposable
{
    private readonly RefusalWarnings _warnings;
    private readonly ILogger<TenantRateLimits> _logger;
    private readonly IOptions<RateLimitOptions> _options;
    private readonly SharedUsage _shared;

    public TenantRateLimits(RefusalWarnings warnings, SharedUsage shared, IOptions<RateLimitOptions> options, ILogger<TenantRateLimits> logger)
    {
        _warnings = warnings;
        _shared = shared;
        _logger = logger;
        // Read per request, not here: a bad setting must fail validation at start, not while the pipeline is built.
        _options = options;
        Limiter = PartitionedRateLimiter.Create<HttpContext, TenantLimit>(context =>
            context.GetResolvedTenant() is { } resolved
                ? Partition(LimitOf(resolved.Tenant))
                : RateLimitPartition.GetNoLimiter(TenantLimit.Unowned));
    }

    /// <summary>The limiter <see cref="RateLimiterOptions.GlobalLimiter"/> runs; owned, and disposed, here.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>The shop's limit as its snapshot row says (an own limit, else the default); a changed limit is a new bucket.</summary>
    public TenantLimit LimitOf(TenantRecord? tenant)
    {
        var defaults = _options.Value;
        var perMinute = tenant?.RateLimitPerMinute ?? defaults.PerMinute;
        return new(tenant?.Id ?? string.Empty, perMinute, Math.Min(defaults.Burst, perMinute));
    }

    /// <summary>Answers a refused request: 429, <c>Retry-After</c> in seconds, and the contract's error sentence.</summary>
    public async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var tenant = context.GetResolvedTenant()?.Tenant;
        var limit = LimitOf(tenant);
        var retryAfter = rejected.Lease is MinuteUsedUp usedUp ? usedUp.RetryAfterSeconds : limit.RetryAfterSeconds;
        if (tenant is not null && _warnings.ShouldLog(tenant.Id, out var silent))
        {
            Log.OverLimit(_logger, tenant.Id, limit.PerMinute, limit.Burst, silent);
        }

        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await context.WriteErrorAsync(StatusCodes.Status429TooManyRequests,
            $"The shop '{tenant?.Slug}' receives at most {limit.PerMinute} requests per minute and has used them up; " +
            $"retry after {retryAfter} second(s).");
    }

    public void Dispose() => Limiter.Dispose();

    private RateLimitPartition<TenantLimit> Partition(TenantLimit limit) => _shared.Enabled
        ? RateLimitPartition.Get(limit, l => new SharedTenantLimiter(new TokenBucketRateLimiter(Bucket(l)), _shared, l))
        : RateLimitPartition.GetTokenBucketLimiter(limit, Bucket);

    private static TokenBucketRateLimiterOptions Bucket(TenantLimit limit) => new()
    {
        TokenLimit = limit.Burst,
        TokensPerPeriod = limit.PerMinute,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        // Webhook senders retry on their own; holding their requests here would only tie up connections.
        QueueLimit = 0,
        // The partitioned limiter refills all buckets on one 100 ms tick instead of a timer each.
        AutoReplenishment = false,
    };

    private static partial class Log
    {
        [LoggerMessage(43, LogLevel.Warning, "Tenant {TenantId} is over its rate limit of {PerMinute} requests per minute (burst {Burst}); " +
            "refusing with 429 and logging this at most once a minute ({SilentRefusals} more were refused since the last warning)")]
        public static partial void OverLimit(ILogger logger, string tenantId, int perMinute, int burst, long silentRefusals);
    }
}
