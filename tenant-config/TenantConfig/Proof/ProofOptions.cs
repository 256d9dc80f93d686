using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Sintestesia.TenantConfig.Proof;

/// <summary>Section <c>Proof</c> (env <c>Proof__Secret</c> or <c>SINTESTESIA_PROOF_SECRET</c>), the same on gateway and bot hosts.</summary>
public sealed class ProofOptions
{
    public const string Section = "Proof";

    [Required(ErrorMessage = "Proof:Secret is not set: gateway and bot hosts need the same secret of 32+ characters in Proof__Secret or SINTESTESIA_PROOF_SECRET.")]
    [MinLength(32, ErrorMessage = "Proof:Secret must be at least 32 characters.")]
    public string? Secret { get; set; }

    /// <summary>How far a proof's timestamp may be from the bot host's clock.</summary>
    [Range(5, 600)]
    public int MaxSkewSeconds { get; set; } = 60;
}

public static class ProofRegistration
{
    public static IServiceCollection AddGatewayProof(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ProofOptions>().BindConfiguration(ProofOptions.Section)
            .PostConfigure(o => o.Secret ??= configuration["SINTESTESIA_PROOF_SECRET"])
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new GatewayProof(sp.GetRequiredService<IOptions<ProofOptions>>().Value));
        return services;
    }
}
