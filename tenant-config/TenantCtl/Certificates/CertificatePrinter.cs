using System.Globalization;
using Sintestesia.TenantCtl.Output;

namespace Sintestesia.TenantCtl.Certificates;

/// <summary>What ops read: one line on the gateway's ACME state, then one row per certificate.</summary>
internal static class CertificatePrinter
{
    private const string None = "-";

    public static string Header(CertificatesResponse listing) =>
        $"https: {listing.Https}   acme: {listing.Acme}   orders placed since the gateway started: {listing.OrdersPlaced}";

    public static string Table(IReadOnlyList<CertificateJson> certificates)
    {
        if (certificates.Count == 0)
        {
            return "No certificates yet.\n";
        }

        var table = new TextTable("NAME", "STATE", "EXPIRES (UTC)", "RENEW AFTER", "LAST ERROR");
        foreach (var c in certificates)
        {
            table.Add(c.Name, c.State, Time(c.NotAfter), Time(c.RenewAfter), LastError(c));
        }

        return table.ToString();
    }

    private static string LastError(CertificateJson c) => c.LastError switch
    {
        null or "" => None,
        var error when c.NextAttempt is { } next => $"{SingleLine.Shorten(error, 100)} (next try {Time(next)})",
        var error => SingleLine.Shorten(error, 100),
    };

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? None;
}
