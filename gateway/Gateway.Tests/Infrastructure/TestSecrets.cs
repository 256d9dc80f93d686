using System.Security.Cryptography;

namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>Fresh secrets per running system, shared by its gateway and bot hosts.</summary>
public sealed record TestSecrets(string SecretKey, string ProofSecret, string AdminToken)
{
    public static TestSecrets New() => new(
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 48),
        Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
}
