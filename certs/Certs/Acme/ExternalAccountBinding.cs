namespace Sintestesia.Certs;

/// <summary>
/// Credentials a CA hands out to tie a new ACME account to an existing customer account (RFC 8555 section 7.3.4).
/// </summary>
/// <param name="KeyId">The key identifier given by the CA.</param>
/// <param name="MacKey">The HMAC key given by the CA, base64url-encoded.</param>
public sealed record ExternalAccountBinding(string KeyId, string MacKey);
