using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Sintestesia.TenantConfig.Hosting;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Sintestesia.Gateway.FastPath;

/// <summary>
/// Sends a fast-path request to a bot host of its pool and relays the answer. The choice between hosts is YARP's view
/// of their health (active checks, passive marks) and the fewer requests in flight of two picked at random, as
/// YARP's PowerOfTwoChoices does. The retry rules are those of <see cref="Proxy.BotHostRetry"/>: a host that refuses
/// the connection, or a connection that closes before any answer, means trying another host (the body is in memory);
/// a host that is slow is never retried, since it may still be working on the message.
/// </summary>
internal sealed partial class BotHostForwarder(FastAnswers answers, IDestinationHealthUpdater health, TimeProvider time,
    ILogger<BotHostForwarder> logger) : IDisposable
{
    /// <summary>As YARP's activity timeout in this gateway's clusters.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>As the clusters' passive health check: a host that refused connections several times in a row rests this long.</summary>
    private static readonly TimeSpan Reactivation = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, BotHostConnections?> _hosts = new(StringComparer.Ordinal);
    private readonly SocketConnectionContextFactory _transport = new(new SocketConnectionFactoryOptions(), logger);
    private ITimer? _sweep;

    /// <summary>Starts closing idle connections that are past their lifetime, every half minute.</summary>
    public void StartSweeping() =>
        _sweep ??= time.CreateTimer(_ => CloseStale(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    public void CloseStale()
    {
        foreach (var host in _hosts.Values)
        {
            host?.CloseStale(time);
        }
    }

    /// <summary>True when every host of the pool is plain http without a path prefix, and some host is available.</summary>
    public bool CanServe(ClusterState cluster)
    {
        var available = cluster.DestinationsState.AvailableDestinations;

        // With none available the full pipeline answers 503 and logs it as YARP does.
        return available.Count > 0 && AllReachable(available);
    }

    private bool AllReachable(IReadOnlyList<DestinationState> destinations)
    {
        foreach (var destination in destinations)
        {
            if (HostOf(destination) is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sends and relays; the status the client got, and whether its connection can serve another request.</summary>
    public async ValueTask<(int Status, bool KeepOpen)> ForwardAsync(FastRequest request, ReadOnlySequence<byte> body, PipeWriter client)
    {
        List<DestinationState>? tried = null;
        while (Choose(request.Cluster, tried) is { } destination)
        {
            var host = HostOf(destination)!;
            host.Started();
            try
            {
                var (outcome, result) = await TryHostAsync(host, request, body, client);
                switch (outcome)
                {
                    case Attempt.Answered:
                        return (result.Status, !result.ClientMustClose);
                    case Attempt.Refused:
                        Log.Refused(logger, destination.DestinationId, request.Tenant.Id);
                        if (host.RefusedTooOften())
                        {
                            health.SetPassive(request.Cluster, destination, DestinationHealth.Unhealthy, Reactivation);
                        }

                        break;
                    case Attempt.NoAnswer:
                        Log.NoAnswer(logger, destination.DestinationId, request.Tenant.Id);
                        break;
                    case Attempt.BadAnswer:
                        Log.BadAnswer(logger, destination.DestinationId, request.Tenant.Id);
                        return await AnswerAsync(client, StatusCodes.Status502BadGateway, request.WantsClose);
                    case Attempt.TimedOut:
                        Log.TimedOut(logger, destination.DestinationId, request.Tenant.Id, AnswerTimeout.TotalSeconds);
                        return await AnswerAsync(client, StatusCodes.Status504GatewayTimeout, request.WantsClose);
                    default:
                        // The answer broke off after its head reached the client: all that is left is to close.
                        Log.Broken(logger, destination.DestinationId, request.Tenant.Id);
                        return (result.Status, false);
                }
            }
            finally
            {
                host.Finished();
            }

            (tried ??= []).Add(destination);
        }

        return await AnswerAsync(client, StatusCodes.Status502BadGateway, request.WantsClose);
    }

    public void Dispose()
    {
        _sweep?.Dispose();
        foreach (var host in _hosts.Values)
        {
            host?.Dispose();
        }

        _transport.Dispose();
    }

    private enum Attempt
    {
        Answered,
        Refused,
        NoAnswer,
        BadAnswer,
        TimedOut,
        Broken,
    }

    private async ValueTask<(int, bool)> AnswerAsync(PipeWriter client, int status, bool close)
    {
        answers.WriteError(client, status, ErrorResponses.NoBotHost, close);
        await client.FlushAsync();
        return (status, !close);
    }

    /// <summary>One bot host: a kept-alive connection first, and a new one if that was closed under us before answering.</summary>
    private async ValueTask<(Attempt, RelayResult)> TryHostAsync(BotHostConnections host, FastRequest request, ReadOnlySequence<byte> body, PipeWriter client)
    {
        var connection = host.TakeIdle(time);
        while (true)
        {
            var reused = connection is not null;
            if (connection is null)
            {
                try
                {
                    connection = await host.ConnectAsync();
                }
                catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException)
                {
                    return (Attempt.Refused, default);
                }
            }

            RelayResult result;
            try
            {
                var timeout = connection.AnswerWithin(AnswerTimeout);
                await SendAsync(connection, host, request, body, timeout);
                result = await ResponseRelay.RelayAsync(connection.Connection.Transport.Input, client, request.WantsClose, timeout);
                connection.Answered();
            }
            catch (OperationCanceledException) when (connection.TimedOut)
            {
                connection.Dispose();
                return (Attempt.TimedOut, default);
            }
            catch (Exception e) when (e is IOException or Microsoft.AspNetCore.Connections.ConnectionResetException
                or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
            {
                // Sending failed: nothing reached the client.
                result = new RelayResult(RelayOutcome.NoAnswer, 0, false, false);
            }

            if (result.Outcome == RelayOutcome.Relayed && result.BotHostReusable)
            {
                host.Return(connection, time);
            }
            else
            {
                connection.Dispose();
            }

            switch (result.Outcome)
            {
                case RelayOutcome.Relayed:
                    return (Attempt.Answered, result);
                case RelayOutcome.NoAnswer when reused:
                    // A kept-alive connection the bot host had closed: a new connection to the same host.
                    connection = null;
                    continue;
                case RelayOutcome.NoAnswer:
                    return (Attempt.NoAnswer, result);
                case RelayOutcome.BadAnswer:
                    return (Attempt.BadAnswer, result);
                default:
                    return (Attempt.Broken, result);
            }
        }
    }

    private static async ValueTask SendAsync(BotHostConnection connection, BotHostConnections host, FastRequest request,
        ReadOnlySequence<byte> body, CancellationToken cancel)
    {
        var output = connection.Connection.Transport.Output;
        output.Write(request.RequestLine);
        output.Write("Host: "u8);
        output.Write(host.Address.AuthorityBytes);
        output.Write("\r\n"u8);
        output.Write(request.HeadersAfterHost);
        foreach (var segment in body)
        {
            output.Write(segment.Span);
        }

        var flushed = await output.FlushAsync(cancel);
        if (flushed.IsCompleted)
        {
            throw new IOException("The bot host's connection closed while the request was sent.");
        }
    }

    private DestinationState? Choose(ClusterState cluster, List<DestinationState>? tried)
    {
        // Read again for each try: health or configuration may have changed since the request was taken, so a host
        // this path cannot reach is left out here too.
        var all = cluster.DestinationsState.AvailableDestinations;
        IReadOnlyList<DestinationState> available = all;
        if (tried is not null || !AllReachable(all))
        {
            available = [.. all.Where(d => HostOf(d) is not null && (tried is null || !tried.Contains(d)))];
        }

        switch (available.Count)
        {
            case 0:
                return null;
            case 1:
                return available[0];
        }

        var first = Random.Shared.Next(available.Count);
        var second = Random.Shared.Next(available.Count - 1);
        second += second >= first ? 1 : 0;
        var (a, b) = (available[first], available[second]);
        return HostOf(a)!.InFlight <= HostOf(b)!.InFlight ? a : b;
    }

    private BotHostConnections? HostOf(DestinationState destination) =>
        _hosts.GetOrAdd(destination.Model.Config.Address, static (address, transport) =>
            BotHostAddress.Parse(address) is { } parsed ? new BotHostConnections(parsed, transport) : null, _transport);

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Warning, "Bot host {Destination} refused the connection for tenant {TenantId}; trying another host of the pool")]
        public static partial void Refused(ILogger logger, string destination, string tenantId);

        [LoggerMessage(61, LogLevel.Warning, "Bot host {Destination} closed the connection without answering for tenant {TenantId}; trying another host of the pool")]
        public static partial void NoAnswer(ILogger logger, string destination, string tenantId);

        [LoggerMessage(62, LogLevel.Error, "Bot host {Destination} sent an answer that is not HTTP/1.1 for tenant {TenantId}; answered 502")]
        public static partial void BadAnswer(ILogger logger, string destination, string tenantId);

        [LoggerMessage(63, LogLevel.Error, "Bot host {Destination} did not answer within {Seconds} s for tenant {TenantId}; answered 504")]
        public static partial void TimedOut(ILogger logger, string destination, string tenantId, double seconds);

        [LoggerMessage(64, LogLevel.Error, "Bot host {Destination}'s answer for tenant {TenantId} broke off after it began; the client's connection is closed")]
        public static partial void Broken(ILogger logger, string destination, string tenantId);
    }
}
