using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Sintestesia.Gateway.FastPath;

/// <summary>
/// Kept-alive connections to one bot host, reused one request at a time. Sockets are wrapped by Kestrel's own socket
/// transport, so both legs of a forwarded request run on the same pipes and I/O threads as the client's connection.
/// </summary>
internal sealed class BotHostConnections(BotHostAddress address, SocketConnectionContextFactory transport) : IDisposable
{
    /// <summary>A bot host closes a kept-alive connection after about two minutes idle; reusing one near that risks a reset.</summary>
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>One refusal is a hiccup (a restart, a full backlog); three in a row is a host that is down.</summary>
    private const int RefusalsBeforeRest = 3;

    private readonly Stack<BotHostConnection> _idle = new();
    private readonly Lock _lock = new();
    private int _inFlight;
    private int _refusedInARow;
    private bool _disposed;

    public BotHostAddress Address { get; } = address;

    /// <summary>Requests on their way to or from this bot host now: load balancing prefers the host with fewer.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>A kept-alive connection if one is fresh, else null: the caller connects (and knows a reused one may be stale).</summary>
    public BotHostConnection? TakeIdle(TimeProvider time)
    {
        lock (_lock)
        {
            while (_idle.TryPop(out var connection))
            {
                if (time.GetElapsedTime(connection.IdleSince) < IdleLifetime && connection.IsQuiet())
                {
                    return connection;
                }

                connection.Dispose();
            }
        }

        return null;
    }

    /// <summary>Closes connections idle too long, also of hosts no pool lists any more (nobody takes theirs).</summary>
    public void CloseStale(TimeProvider time)
    {
        lock (_lock)
        {
            var fresh = _idle.Where(c => time.GetElapsedTime(c.IdleSince) < IdleLifetime && c.IsQuiet()).Reverse().ToList();
            foreach (var stale in _idle.Except(fresh))
            {
                stale.Dispose();
            }

            _idle.Clear();
            fresh.ForEach(_idle.Push);
        }
    }

    public async ValueTask<BotHostConnection> ConnectAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout);
            await socket.ConnectAsync(Address.EndPoint, timeout.Token);
            Volatile.Write(ref _refusedInARow, 0);
            return new BotHostConnection(transport.Create(socket));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Keeps a connection for the next request, unless its last answer ran out of time or it has more to say.</summary>
    public void Return(BotHostConnection connection, TimeProvider time)
    {
        connection.IdleSince = time.GetTimestamp();
        lock (_lock)
        {
            if (!_disposed && !connection.TimedOut && connection.IsQuiet())
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    /// <summary>Counts a refused connection; true once enough came in a row to take the host out of rotation for a while.</summary>
    public bool RefusedTooOften() => Interlocked.Increment(ref _refusedInARow) >= RefusalsBeforeRest;

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Finished() => Interlocked.Decrement(ref _inFlight);

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            while (_idle.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }
    }
}

/// <summary>One connection to a bot host, used by one request at a time.</summary>
internal sealed class BotHostConnection(ConnectionContext connection) : IDisposable
{
    public ConnectionContext Connection { get; } = connection;

    private readonly CancellationTokenSource _answerTimer = new();

    public long IdleSince { get; set; }

    /// <summary>True once a request on it ran out of time; a connection that did is closed, never reused.</summary>
    public bool TimedOut => _answerTimer.IsCancellationRequested;

    /// <summary>A token cancelled if the bot host has not answered within <paramref name="limit"/> (one timer per connection, moved each time).</summary>
    public CancellationToken AnswerWithin(TimeSpan limit)
    {
        _answerTimer.CancelAfter(limit);
        return _answerTimer.Token;
    }

    public void Answered() => _answerTimer.CancelAfter(Timeout.InfiniteTimeSpan);

    /// <summary>
    /// False if bytes wait on an idle connection, or it was closed: whatever a bot host sent after its answer must never
    /// be read as the answer to the next request, which may be another shop's.
    /// </summary>
    public bool IsQuiet()
    {
        var input = Connection.Transport.Input;
        if (!input.TryRead(out var waiting))
        {
            return true;
        }

        input.AdvanceTo(waiting.Buffer.Start);
        return false;
    }

    public void Dispose()
    {
        _answerTimer.Dispose();
        Connection.Abort();
        _ = Connection.DisposeAsync().AsTask();
    }
}

/// <summary>
/// A bot host the fast path can reach itself: plain http, no path prefix. Anything else (https to the bot host, a
/// prefix) is left to YARP's forwarder.
/// </summary>
internal sealed record BotHostAddress(EndPoint EndPoint, string Authority)
{
    /// <summary>The Host header's value for this bot host, as YARP sends it.</summary>
    public byte[] AuthorityBytes { get; } = System.Text.Encoding.ASCII.GetBytes(Authority);

    public static BotHostAddress? Parse(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        EndPoint endPoint = IPAddress.TryParse(uri.DnsSafeHost, out var ip) ? new IPEndPoint(ip, uri.Port) : new DnsEndPoint(uri.DnsSafeHost, uri.Port);
        return new BotHostAddress(endPoint, uri.Authority);
    }
}
