using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Settings;

namespace Sintestesia.TenantConfig.Administration;

/// <summary>A tenant as ops see it: what routing knows, and how its assistant behaves.</summary>
public sealed record TenantDetails(TenantRecord Tenant, TenantSettings Settings);
