using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Settings;

namespace Sintestesia.TenantConfig.Administration;

/// <summary>
/// A tenant as ops see it: what routing knows, how its assistant behaves, and its own webhook rate limit in requests
/// per minute (null: the gateway's default).
/// </summary>
public sealed record TenantDetails(TenantRecord Tenant, TenantSettings Settings, int? RateLimitPerMinute = null);
