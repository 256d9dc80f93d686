using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Sintestesia.Gateway.Configuration;
using Sintestesia.Gateway.Http;
using Sintestesia.Gateway.RateLimiting;
using Sintestesia.Gateway.Tenants;
using Sintestesia.TenantConfig.Hosting;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Proof;
using Yarp.ReverseProxy;

namespace Sintestesia.Gateway.FastPath;

/// <summary>
/// The public listeners' fast path, a Kestrel connection middleware in front of the HTTP server: a plain webhook to a
/// known shop's host (<see cref="RequestHead"/>) that has arrived whole is resolved, rate limited, signed and sent to a
/// bot host of the shop's pool here, on pooled connections, without building an HTTP context or an HTTP client request.
/// The first request on a connection that is anything else (another host or path, an unknown shop, a partial or
/// unusual request, HTTP/2) is handed with the rest of the connection, unread, to Kestrel and the full pipeline.
/// </summary>
/// <remarks>
/// Why: YARP's forwarder and the middleware around it cost 160 µs of CPU per webhook here against nginx's 19 µs
/// (docs/benchmarks.md); the requests this takes are nearly all of a shop's traffic.
/// </remarks>
internal sealed partial class FastLane : IDisposable
{
    private static readonly string ByHost = ResolvedBy.Host.ToContractName();

    private readonly TenantDirectory _directory;
    private readonly TenantRateLimits _rateLimits;
    private readonly GatewayProof _proof;
    private readonly TimeProvider _time;
    private readonly IProxyStateLookup _proxyState;
    private readonly FastAnswers _answers;
    private readonly BotHostForwarder _forwarder;
    private readonly ILogger _requestLog;
    private readonly ILogger<FastLane> _logger;
    private readonly GatewayOptions _options;
    private readonly TimeSpan _keepAlive;
    private readonly TimeSpan _requestTimeout;
    private long _forwarded;
    private long _handedOff;

    public FastLane(
        TenantDirectory directory, TenantRateLimits rateLimits, GatewayProof proof, TimeProvider time, IProxyStateLookup proxyState,
        FastAnswers answers, BotHostForwarder forwarder, IOptions<GatewayOptions> options, IOptions<KestrelServerOptions> kestrel,
        ILogger<RequestLog> requestLog, ILogger<FastLane> logger)
    {
        _directory = directory;
        _rateLimits = rateLimits;
        _proof = proof;
        _time = time;
        _proxyState = proxyState;
        _answers = answers;
        _forwarder = forwarder;
        _forwarder.StartSweeping();
        _requestLog = requestLog;
        _logger = logger;
        _options = options.Value;
        _keepAlive = kestrel.Value.Limits.KeepAliveTimeout;
        _requestTimeout = kestrel.Value.Limits.RequestHeadersTimeout;
    }

    /// <summary>Requests answered by the fast path (forwarded, or refused by the rate limit).</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Connections handed to Kestrel's HTTP server because a request on them was not for the fast path.</summary>
    public long HandedOff => Interlocked.Read(ref _handedOff);

    public async Task RunAsync(ConnectionContext connection, ConnectionDelegate next, bool https)
    {
        // A client that negotiated HTTP/2 by ALPN speaks only that; Kestrel serves it.
        var protocol = connection.Features.Get<ITlsApplicationProtocolFeature>()?.ApplicationProtocol ?? default;
        if (!protocol.IsEmpty && !protocol.Span.SequenceEqual("http/1.1"u8))
        {
            await HandOffAsync(connection, next);
            return;
        }

        var input = connection.Transport.Input;
        var client = (connection.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "unknown";
        bool handOff;
        using (var request = new FastRequest())
        using (var reads = new ClientReads(input))
        using (connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            .UnsafeRegister(static state => ((ClientReads)state!).Stop(), reads))
        {
            try
            {
                handOff = await ServeAsync(connection.Transport, request, reads, client, https);
            }
            catch (Exception e) when (e is ConnectionResetException or ConnectionAbortedException or IOException or OperationCanceledException)
            {
                // The client went away or the connection was aborted: nothing left to answer.
                return;
            }
            catch (Exception e)
            {
                Log.Failed(_logger, e, client);
                connection.Abort();
                return;
            }
        }

        if (handOff)
        {
            await HandOffAsync(connection, next);
        }
    }

    public void Dispose() => _forwarder.Dispose();

    private Task HandOffAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        Interlocked.Increment(ref _handedOff);
        return next(connection);
    }

    /// <summary>True when the connection goes on in Kestrel; false when it is done.</summary>
    private async Task<bool> ServeAsync(IDuplexPipe client, FastRequest request, ClientReads reads, string address, bool https)
    {
        var (input, output) = (client.Input, client.Output);
        while (!reads.Stopping)
        {
            reads.Expire(after: _keepAlive);
            request.AwaitedLength = 0;
            ReadResult read;
            Taken taken;
            while (true)
            {
                read = await input.ReadAsync();
                var waitingForBody = request.AwaitedLength > 0;
                if (read.IsCanceled && waitingForBody && !reads.Expired)
                {
                    // The server is stopping while a body arrives: receive and answer this request, then close.
                    input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                    continue;
                }

                if (read.IsCanceled || (read.IsCompleted && read.Buffer.IsEmpty))
                {
                    // Idle past the keep-alive timeout, a body too slow, the server stopping, or the client gone between requests.
                    input.AdvanceTo(read.Buffer.End);
                    return waitingForBody && await RefuseAsync(output, StatusCodes.Status408RequestTimeout, address);
                }

                taken = Take(read.Buffer, request, output, address, https);
                if (taken != Taken.Incomplete)
                {
                    break;
                }

                if (read.IsCompleted)
                {
                    // The client closed its side before the body its Content-Length announced: Kestrel answers 400 to that.
                    input.AdvanceTo(read.Buffer.End);
                    return await RefuseAsync(output, StatusCodes.Status400BadRequest, address);
                }

                // The head is here and its body on its way: it gets the request time, as a head does in Kestrel.
                if (!waitingForBody)
                {
                    reads.Expire(after: _requestTimeout);
                }

                input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }

            reads.Clear();
            var buffer = read.Buffer;
            switch (taken)
            {
                case Taken.No:
                    input.AdvanceTo(buffer.Start);
                    return true;
                case Taken.Answered:
                    input.AdvanceTo(buffer.GetPosition(request.Length));
                    Interlocked.Increment(ref _forwarded);
                    await output.FlushAsync();
                    if (request.WantsClose)
                    {
                        return false;
                    }

                    continue;
            }

            var body = buffer.Slice(request.ClientHeadLength, request.BodyLength);
            var (status, keepOpen) = await _forwarder.ForwardAsync(request, body, output);
            input.AdvanceTo(buffer.GetPosition(request.Length));
            Interlocked.Increment(ref _forwarded);
            LogRequest(request, status);
            if (!keepOpen || request.WantsClose)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>A request whose body did not arrive (408: too slow; 400: cut), answered with the contract's sentence; then the connection closes.</summary>
    private async Task<bool> RefuseAsync(PipeWriter output, int status, string client)
    {
        var reason = ErrorResponses.UnreadableRequest(status);
        Log.Unreadable(_logger, client, status, reason);
        _answers.WriteError(output, status, reason, close: true);
        await output.FlushAsync();
        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(70, LogLevel.Error, "The fast path failed on a connection from {Client}; the connection is closed")]
        public static partial void Failed(ILogger logger, Exception error, string client);

        [LoggerMessage(71, LogLevel.Information, "Refused a webhook from {Client} at the edge: {Status} {Reason}")]
        public static partial void Unreadable(ILogger logger, string client, int status, string reason);
    }
}
