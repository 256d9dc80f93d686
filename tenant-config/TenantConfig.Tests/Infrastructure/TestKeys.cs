using System.Security.Cryptography;
using Sintestesia.TenantConfig.Secrets;

namespace Sintestesia.TenantConfig.Tests.Infrastructure;

internal static class TestKeys
{
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static SecretProtector NewProtector() => new(new SecretOptions { Key = NewKey() });
}
