using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Sintestesia.Gateway.Proxy;
using Sintestesia.TenantConfig.Hosting;
using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.Gateway.RateLimiting;

/// <summary>
/// The proxy pipeline step that holds each resolved shop to its rate: one token bucket per shop, so a shop that uses up
/// its limit is refused on its own while every other shop's bucket is untouched. It runs right after tenant resolution,
/// so requests refused there (unknown shop, bad body) count against no one. When limits are shared across gateways, a
/// request is let into the bucket only while the shop's shared minute has room (<see cref="SharedUsage"/>).
/// </summary>
/// <remarks>
/// Its own step rather than ASP.NET Core's rate-limiting middleware: that one costs a lease, a partition lookup under
/// one lock shared by every shop and an endpoint-metadata walk per request: an eighth of the gateway's CPU in the
/// profile; replacing it (with the proof's HMAC keyed once) bought 1.23x req/s (docs/benchmarks.md).
/// </remarks>
internal sealed partial class TenantRateLimits : IDisposable
{
    /// <summary>How often buckets that have refilled completely are dropped, so idle shops cost no memory.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<TenantLimit, TenantBucket> _buckets = new();
    private readonly RefusalWarnings _warnings;
    private readonly SharedUsage _shared;
    private readonly IOptions<RateLimitOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TenantRateLimits> _logger;
    private readonly ITimer _sweep;

    public TenantRateLimits(
        RefusalWarnings warnings, SharedUsage shared, IOptions<RateLimitOptions> options, TimeProvider time, ILogger<TenantRateLimits> logger)
    {
        _warnings = warnings;
        _shared = shared;
        // Read per request, not here: a bad setting must fail validation at start, not while the pipeline is built.
        _options = options;
        _time = time;
        _logger = logger;
        _sweep = time.CreateTimer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    public int BucketCount => _buckets.Count;

    /// <summary>The shop's limit as its snapshot row says (an own limit, else the default); a changed limit is a new bucket.</summary>
    public TenantLimit LimitOf(TenantRecord? tenant)
    {
        var defaults = _options.Value;
        var perMinute = tenant?.RateLimitPerMinute ?? defaults.PerMinute;
        return new(tenant?.Id ?? string.Empty, perMinute, Math.Min(defaults.Burst, perMinute));
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetResolvedTenant() is not { } resolved)
        {
            // Unreachable while the resolution step answers every request it cannot resolve.
            return next(context);
        }

        var limit = LimitOf(resolved.Tenant);
        return RetryAfterSecondsIfRefused(limit) is { } retryAfter ? RefuseAsync(context, resolved.Tenant, limit, retryAfter) : next(context);
    }

    public void Dispose() => _sweep.Dispose();

    /// <summary>Null when the request may pass (and is counted); otherwise the seconds after which a retry would.</summary>
    public int? RetryAfterSecondsIfRefused(TenantLimit limit)
    {
        MinuteCount? shared = null;
        if (_shared.Enabled && (shared = _shared.TryAdmit(limit, 1)) is null)
        {
            return _shared.SecondsToNextMinute();
        }

        while (true)
        {
            var bucket = _buckets.GetOrAdd(limit, static (l, time) => new TenantBucket(l, time.GetTimestamp(), time), _time);
            switch (bucket.TryTake())
            {
                case true:
                    return null;
                case false:
                    shared?.GiveBack(1);
                    return limit.RetryAfterSeconds;
                default:
                    // The sweep retired this bucket between the lookup and the take; the next lookup finds or makes its successor.
                    _buckets.TryRemove(new KeyValuePair<TenantLimit, TenantBucket>(limit, bucket));
                    break;
            }
        }
    }

    /// <summary>Answers a refused request: 429, <c>Retry-After</c> in seconds, and the contract's error sentence.</summary>
    private Task RefuseAsync(HttpContext context, TenantRecord tenant, TenantLimit limit, int retryAfter)
    {
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return context.WriteErrorAsync(StatusCodes.Status429TooManyRequests, Refused(tenant, limit, retryAfter));
    }

    /// <summary>Notes a refusal (a warning at most once a minute per shop) and says why, for the 429's error sentence.</summary>
    public string Refused(TenantRecord tenant, TenantLimit limit, int retryAfter)
    {
        if (_warnings.ShouldLog(tenant.Id, out var silent))
        {
            Log.OverLimit(_logger, tenant.Id, limit.PerMinute, limit.Burst, silent);
        }

        return $"The shop '{tenant.Slug}' receives at most {limit.PerMinute} requests per minute and has used them up; " +
            $"retry after {retryAfter} second(s).";
    }

    private void Sweep()
    {
        foreach (var (limit, bucket) in _buckets)
        {
            if (bucket.RetireIfFull())
            {
                _buckets.TryRemove(new KeyValuePair<TenantLimit, TenantBucket>(limit, bucket));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(43, LogLevel.Warning, "Tenant {TenantId} is over its rate limit of {PerMinute} requests per minute (burst {Burst}); " +
            "refusing with 429 and logging this at most once a minute ({SilentRefusals} more were refused since the last warning)")]
        public static partial void OverLimit(ILogger logger, string tenantId, int perMinute, int burst, long silentRefusals);
    }
}
