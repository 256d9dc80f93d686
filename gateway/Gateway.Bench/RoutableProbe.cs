using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;

namespace Sintestesia.Gateway.Bench;

/// <summary>
/// How long a tenant inserted by plain SQL takes to be routed: insert, then post its webhook every few milliseconds
/// until the gateway stops answering 404 (unknown shop). A random pause before each insert spreads the inserts over
/// the gateway's poll interval, so the numbers are not all best or worst case.
/// </summary>
internal static class RoutableProbe
{
    private static readonly TimeSpan _giveUp = TimeSpan.FromSeconds(10);

    // database: a SQLite file, or with postgres a PostgreSQL connection string.
    public static async Task<int> RunAsync(string database, bool postgres, Uri gateway, string baseDomain, string bodyFile, int tries, TextWriter output)
    {
        var body = await File.ReadAllBytesAsync(bodyFile);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = gateway };
        var run = Guid.NewGuid().ToString("N")[..8];
        var seconds = new List<double>();
        for (var i = 1; i <= tries; i++)
        {
            await Task.Delay(Random.Shared.Next(0, 500));
            var slug = string.Create(CultureInfo.InvariantCulture, $"probe-{run}-{i}");
            await InsertAsync(database, postgres, slug);
            var clock = Stopwatch.StartNew();
            while (await StatusAsync(client, $"{slug}.{baseDomain}", body) == HttpStatusCode.NotFound)
            {
                if (clock.Elapsed > _giveUp)
                {
                    await output.WriteLineAsync($"routable: {slug} still 404 after {_giveUp.TotalSeconds} s");
                    return 1;
                }

                await Task.Delay(5);
            }

            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        seconds.Sort();
        // Nearest-rank percentiles: with 20 tries p99 is the slowest one.
        double Percentile(double p) => seconds[Math.Max(0, (int)Math.Ceiling(p / 100 * seconds.Count) - 1)];
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"routable: tries {seconds.Count} p50 {Percentile(50):0.000} s p99 {Percentile(99):0.000} s max {seconds[^1]:0.000} s"));
        return 0;
    }

    private static async Task InsertAsync(string database, bool postgres, string slug)
    {
        await using DbConnection connection = postgres ? new NpgsqlConnection(database) : await TenantSeeder.OpenAsync(database);
        if (postgres)
        {
            await connection.OpenAsync();
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO tenant_clients (id, name, slug) VALUES (@id, @name, @slug)";
        foreach (var (name, value) in new[] { ("id", slug), ("name", "Probe " + slug), ("slug", slug) })
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            insert.Parameters.Add(parameter);
        }

        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string host, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/bot/twilio/webhook") { Content = new ByteArrayContent(body) };
        request.Headers.Host = host;
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
