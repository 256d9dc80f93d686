namespace Sintestesia.TenantConfig.Lookup;

public static class PhoneNumbers
{
    /// <summary><c>whatsapp:+1 415-523 8886</c> → <c>+14155238886</c>: the form sender numbers are compared in.</summary>
    public static string Canonical(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var colon = number.IndexOf(':', StringComparison.Ordinal);
        var raw = colon >= 0 ? number[(colon + 1)..] : number;
        return string.Concat(raw.Where(c => char.IsAsciiDigit(c) || c == '+'));
    }
}
