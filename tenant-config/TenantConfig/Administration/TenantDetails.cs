using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Settings;

namespace Sintestesia.TenantConfig.Administration;

/// <summary>
/// A tenant as ops see it: what routing knows, how its assistant behaves, its own webhook rate limit in requests
/// per minute (null: the gateway's default) and the bot-host pool that serves it (null: the gateway's default pool).
/// </summary>
public sealed record TenantDetails(TenantRecord Tenant, TenantSettings Settings, int? RateLimitPerMinute = null, string? BotPool = null);
