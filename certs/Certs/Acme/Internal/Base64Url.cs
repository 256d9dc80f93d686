namespace Sintestesia.Certs.Acme.Internal;

/// <summary>Unpadded base64url (RFC 4648 section 5), as JOSE and ACME require.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    public static byte[] Decode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
