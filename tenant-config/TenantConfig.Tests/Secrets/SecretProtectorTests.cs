using Sintestesia.TenantConfig.Secrets;
using Sintestesia.TenantConfig.Tests.Infrastructure;

namespace Sintestesia.TenantConfig.Tests.Secrets;

public sealed class SecretProtectorTests
{
    private static readonly string TenantA = SecretProtector.TwilioTokenPurpose("acme-cannabis-2024");
    private static readonly string TenantB = SecretProtector.TwilioTokenPurpose("bravo-gaming-2024");

    [Theory]
    [InlineData("dev-token-acme-0001")]
    [InlineData("")]
    [InlineData("ñandú 🐕 con: dos puntos")]
    public void TextRoundTripsAndIsNotVisibleInTheCiphertext(string token)
    {
        var protector = TestKeys.NewProtector();

        var ciphertext = protector.Protect(token, TenantA);

        Assert.StartsWith("v1:k1:", ciphertext, StringComparison.Ordinal);
        Assert.Equal(token, protector.Unprotect(ciphertext, TenantA));
        if (token.Length > 0)
        {
            Assert.DoesNotContain(token, ciphertext, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SameTextEncryptsDifferentlyEachTime()
    {
        var protector = TestKeys.NewProtector();

        Assert.NotEqual(protector.Protect("token", TenantA), protector.Protect("token", TenantA));
    }

    [Fact]
    public void CiphertextOfOneTenantDoesNotDecryptForAnother()
    {
        var protector = TestKeys.NewProtector();
        var ciphertext = protector.Protect("token", TenantA);

        Assert.Throws<SecretDecryptionException>(() => protector.Unprotect(ciphertext, TenantB));
    }

    [Fact]
    public void PreviousKeyStillDecryptsAfterRotation()
    {
        var oldKey = TestKeys.NewKey();
        var before = new SecretProtector(new SecretOptions { Key = oldKey, KeyId = "k1" });
        var ciphertext = before.Protect("token", TenantA);

        var after = new SecretProtector(new SecretOptions
        {
            Key = TestKeys.NewKey(),
            KeyId = "k2",
            PreviousKeys = new Dictionary<string, string> { ["k1"] = oldKey },
        });

        Assert.Equal("token", after.Unprotect(ciphertext, TenantA));
        Assert.True(after.NeedsRotation(ciphertext));
        Assert.StartsWith("v1:k2:", after.Protect("token", TenantA), StringComparison.Ordinal);
        Assert.False(after.NeedsRotation(after.Protect("token", TenantA)));
    }

    [Fact]
    public void RotatedKeyWithoutThePreviousOneCannotDecrypt()
    {
        var ciphertext = TestKeys.NewProtector().Protect("token", TenantA);
        var rotated = new SecretProtector(new SecretOptions { Key = TestKeys.NewKey(), KeyId = "k2" });

        var error = Assert.Throws<SecretDecryptionException>(() => rotated.Unprotect(ciphertext, TenantA));
        Assert.Contains("k1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DifferentKeyWithTheSameIdCannotDecrypt()
    {
        var ciphertext = TestKeys.NewProtector().Protect("token", TenantA);

        Assert.Throws<SecretDecryptionException>(() => TestKeys.NewProtector().Unprotect(ciphertext, TenantA));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(28)]
    [InlineData(-1)]
    public void TamperedCiphertextIsRefused(int byteToFlip)
    {
        var protector = TestKeys.NewProtector();
        var ciphertext = protector.Protect("a token long enough", TenantA);
        var prefix = ciphertext[..ciphertext.LastIndexOf(':')];
        var blob = Convert.FromBase64String(ciphertext[(prefix.Length + 1)..]);
        blob[byteToFlip < 0 ? blob.Length - 1 : byteToFlip] ^= 0x01;

        var tampered = $"{prefix}:{Convert.ToBase64String(blob)}";

        Assert.Throws<SecretDecryptionException>(() => protector.Unprotect(tampered, TenantA));
    }

    [Theory]
    [InlineData("plain-token")]
    [InlineData("v1:k1:not base64!")]
    [InlineData("v1:k1:AAAA")]
    [InlineData("v2:k1:AAAA")]
    [InlineData("")]
    public void TextThatIsNotCiphertextIsRefused(string text)
    {
        Assert.Throws<SecretDecryptionException>(() => TestKeys.NewProtector().Unprotect(text, TenantA));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not base64")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==")]
    public void MissingOrShortKeyIsRefusedAtConstruction(string? key)
    {
        Assert.Throws<ArgumentException>(() => new SecretProtector(new SecretOptions { Key = key }));
    }
}
