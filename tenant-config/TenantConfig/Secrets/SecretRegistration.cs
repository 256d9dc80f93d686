using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Sintestesia.TenantConfig.Secrets;

public static class SecretRegistration
{
    /// <summary>Registers <see cref="SecretProtector"/>; a missing or malformed key stops the host at start.</summary>
    public static IServiceCollection AddSecretProtector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SecretOptions>().BindConfiguration(SecretOptions.Section)
            .PostConfigure(o => o.Key ??= configuration["SINTESTESIA_SECRET_KEY"])
            .ValidateDataAnnotations()
            .Validate(o => o.Key is null || IsKey(o.Key), "Secrets:Key must be a base64 string of exactly 32 bytes.")
            .ValidateOnStart();
        services.AddSingleton(sp => new SecretProtector(sp.GetRequiredService<IOptions<SecretOptions>>().Value));
        return services;
    }

    private static bool IsKey(string base64)
    {
        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written == 32;
    }
}
