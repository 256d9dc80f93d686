using Npgsql;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.Gateway.Tenants;

/// <summary>
/// On PostgreSQL, waits on <c>LISTEN tenant_directory</c> (raised by the directory triggers, so plain SQL counts too)
/// and refreshes the snapshot as soon as a change is committed, in milliseconds rather than a polling interval. A lost
/// connection is re-opened with a growing wait, and every reconnect refreshes once for what happened meanwhile; the
/// poller keeps running underneath as the safety net.
/// </summary>
internal sealed partial class PostgresChangeListener(
    TenantDirectory directory, IConfiguration configuration, TimeProvider time, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    public const string Channel = "tenant_directory";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);

    public static bool Applies(IConfiguration configuration) =>
        string.Equals(configuration[$"{DatabaseOptions.Section}:Provider"], DatabaseOptions.Postgres, StringComparison.OrdinalIgnoreCase);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString("Tenants")
            ?? throw new InvalidOperationException("ConnectionStrings:Tenants is not set.");
        var retry = FirstRetry;
        var lostSince = (DateTimeOffset?)null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => _ = directory.RefreshAsync(force: false, stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever changed while not listening is picked up now.
                await directory.RefreshAsync(force: false, stoppingToken);
                if (lostSince is { } since)
                {
                    Log.Reconnected(logger, (time.GetUtcNow() - since).TotalSeconds);
                    lostSince = null;
                }
                else
                {
                    Log.Listening(logger, Channel);
                }

                retry = FirstRetry;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or IOException or TimeoutException)
            {
                if (lostSince is null)
                {
                    lostSince = time.GetUtcNow();
                    Log.Lost(logger, ex.Message);
                }

                try
                {
                    await Task.Delay(retry, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Listening for tenant changes on PostgreSQL channel {Channel}")]
        public static partial void Listening(ILogger logger, string channel);

        [LoggerMessage(2, LogLevel.Warning, "Lost the PostgreSQL change listener ({Error}); polling continues, reconnecting")]
        public static partial void Lost(ILogger logger, string error);

        [LoggerMessage(3, LogLevel.Information, "PostgreSQL change listener back after {Seconds:0.0} s")]
        public static partial void Reconnected(ILogger logger, double seconds);
    }
}
