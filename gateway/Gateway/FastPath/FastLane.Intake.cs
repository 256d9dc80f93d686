using System.Buffers;
using System.IO.Pipelines;
using Sintestesia.Gateway.Http;
using Sintestesia.Gateway.Proxy;
using Sintestesia.Gateway.Tenants;
using Sintestesia.TenantConfig.Lookup;
using Yarp.ReverseProxy.Model;

namespace Sintestesia.Gateway.FastPath;

/// <summary>Taking a request: reading its head from the client's bytes, the shop, its pool, its rate and the head the bot host gets.</summary>
internal sealed partial class FastLane
{
    private enum Taken
    {
        No,
        Incomplete,
        Answered,
        Forward,
    }

    /// <summary>Reads the next request if the fast path serves it; nothing is consumed either way.</summary>
    private Taken Take(ReadOnlySequence<byte> buffer, FastRequest request, PipeWriter output, string client, bool https)
    {
        if (buffer.Length < request.AwaitedLength)
        {
            // Still the body of a head already read and found servable: not parsed again for every piece.
            return Taken.Incomplete;
        }

        byte[]? rented = null;
        try
        {
            var first = buffer.FirstSpan;
            var end = RequestHead.EndOf(first);
            ReadOnlySpan<byte> head;
            if (end > 0)
            {
                head = first[..end];
            }
            else if (!buffer.IsSingleSegment && HeadInSequence(buffer) is > 0 and var length)
            {
                rented = ArrayPool<byte>.Shared.Rent(length);
                buffer.Slice(0, length).CopyTo(rented);
                head = rented.AsSpan(0, length);
            }
            else
            {
                return Taken.No;
            }

            if (!RequestHead.TryParse(head, _options.MaxBodyBytes, out var parsed))
            {
                return Taken.No;
            }

            return Resolve(parsed, buffer.Length, request, output, client, https);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int HeadInSequence(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, "\r\n\r\n"u8) && reader.Consumed <= MaxHeadBytes ? (int)reader.Consumed : -1;
    }

    /// <summary>Kestrel's limit in this gateway (<c>MaxRequestHeadersTotalSize</c>); a larger head is Kestrel's to refuse.</summary>
    private const int MaxHeadBytes = 32 * 1024;

    private Taken Resolve(in RequestHead head, long buffered, FastRequest request, PipeWriter output, string client, bool https)
    {
        if (head.Length > MaxHeadBytes)
        {
            return Taken.No;
        }

        var host = System.Text.Encoding.ASCII.GetString(head.Host);
        var snapshot = _directory.Current;
        if (HostNames.SlugOf(new HostString(host), _options.BaseDomain) is not { } slug
            || snapshot.FindBySlug(slug) is not { } tenant
            || Cluster(tenant, snapshot) is not { } cluster || !_forwarder.CanServe(cluster))
        {
            // Unknown or odd shops, and pools the fast path cannot reach, get the full pipeline's answers.
            return Taken.No;
        }

        if (buffered < head.Length + head.ContentLength)
        {
            request.AwaitedLength = head.Length + head.ContentLength;
            return Taken.Incomplete;
        }

        request.Reset(head, host, tenant, cluster, _time.GetTimestamp());
        var limit = _rateLimits.LimitOf(tenant);
        if (_rateLimits.RetryAfterSecondsIfRefused(limit) is { } retryAfter)
        {
            _answers.WriteError(output, StatusCodes.Status429TooManyRequests, _rateLimits.Refused(tenant, limit, retryAfter), head.WantsClose, retryAfter);
            LogRequest(request, StatusCodes.Status429TooManyRequests);
            return Taken.Answered;
        }

        request.WriteHead(head, _proof, _time.GetUtcNow().ToUnixTimeSeconds(), _options.BaseDomain, client, https);
        return Taken.Forward;
    }

    private ClusterState? Cluster(TenantRecord tenant, TenantSnapshot snapshot)
    {
        var id = BotHostProxyConfig.ClusterFor(tenant, snapshot);
        return _proxyState.TryGetCluster(id, out var cluster) || _proxyState.TryGetCluster(BotHostProxyConfig.DefaultPool, out cluster)
            ? cluster
            : null;
    }

    private void LogRequest(FastRequest request, int status)
    {
        var level = status >= StatusCodes.Status500InternalServerError ? LogLevel.Error : LogLevel.Information;
        if (_requestLog.IsEnabled(level))
        {
            RequestLog.Write(_requestLog, level, null, request.Method, request.Host, request.Path, status,
                _time.GetElapsedTime(request.StartedAt).TotalMilliseconds, request.Tenant.Id, ByHost, nameof(Listeners.ListenerKind.Public));
        }
    }
}
