using System.Buffers;
using System.Globalization;
using System.Text;
using Sintestesia.TenantConfig.Lookup;
using Sintestesia.TenantConfig.Proof;
using Yarp.ReverseProxy.Model;

namespace Sintestesia.Gateway.FastPath;

/// <summary>
/// A request taken by the fast path, ready to send: its head as the bot host receives it (all but the Host line, which
/// depends on the bot host chosen), and what the log line and the answer need. One per connection, reused.
/// </summary>
internal sealed class FastRequest : IDisposable
{
    private static readonly string ByHost = ResolvedBy.Host.ToContractName();

    private byte[] _head = ArrayPool<byte>.Shared.Rent(4096);

    /// <summary>While the body of a servable head is arriving: how many bytes the whole request takes; else 0.</summary>
    public long AwaitedLength { get; set; }

    public int RequestLineLength { get; private set; }

    public int HeadLength { get; private set; }

    /// <summary>Head plus body: how much of the client's input this request takes.</summary>
    public long Length { get; private set; }

    public long BodyLength { get; private set; }

    /// <summary>Bytes of the head as the client sent it: the body follows.</summary>
    public int ClientHeadLength { get; private set; }

    public bool WantsClose { get; private set; }

    public TenantRecord Tenant { get; private set; } = null!;

    public ClusterState Cluster { get; private set; } = null!;

    public string Method { get; private set; } = string.Empty;

    public string Host { get; private set; } = string.Empty;

    public string Path { get; private set; } = string.Empty;

    public long StartedAt { get; private set; }

    public ReadOnlySpan<byte> RequestLine => _head.AsSpan(0, RequestLineLength);

    public ReadOnlySpan<byte> HeadersAfterHost => _head.AsSpan(RequestLineLength, HeadLength - RequestLineLength);

    public void Reset(in RequestHead head, string host, TenantRecord tenant, ClusterState cluster, long startedAt)
    {
        Method = head.IsPost ? "POST" : "GET";
        Host = host;
        Path = Encoding.ASCII.GetString(head.Target[..head.PathLength]);
        Tenant = tenant;
        Cluster = cluster;
        WantsClose = head.WantsClose;
        BodyLength = head.ContentLength;
        ClientHeadLength = head.Length;
        Length = head.Length + head.ContentLength;
        StartedAt = startedAt;
    }

    /// <summary>
    /// Writes the head the bot host receives: the client's request line and headers but hop-by-hop ones, the gateway's own
    /// and Host; then X-Forwarded-*, the tenant and the proof, as <see cref="Proxy.GatewayProofTransform"/> does for YARP.
    /// </summary>
    public void WriteHead(in RequestHead head, GatewayProof proof, long unixSeconds, string baseDomain, string clientAddress, bool https)
    {
        var query = Encoding.ASCII.GetString(head.Target[head.PathLength..]);
        var publicUrl = $"https://{Tenant.Slug}.{baseDomain}{Path}{query}";
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var signature = proof.Sign(new ForwardedRequest(Tenant.Id, ByHost, Method, Path, publicUrl), unixSeconds);
        var size = head.Length + head.Host.Length + clientAddress.Length + (3 * Tenant.Id.Length) + publicUrl.Length + signature.Length + 512;
        if (_head.Length < size)
        {
            ArrayPool<byte>.Shared.Return(_head);
            _head = ArrayPool<byte>.Shared.Rent(size);
        }

        var writer = new SpanWriter(_head);
        writer.Write(head.IsPost ? "POST "u8 : "GET "u8);
        writer.Write(head.Target);
        writer.Write(" HTTP/1.1\r\n"u8);
        RequestLineLength = writer.Written;
        var lines = head.HeaderLines;
        while (!lines.IsEmpty)
        {
            var end = lines.IndexOf("\r\n"u8) + 2;
            var line = lines[..end];
            lines = lines[end..];
            var kind = RequestHead.Classify(line[..line.IndexOf((byte)':')]);
            if (kind is RequestHead.HeaderKind.Other or RequestHead.HeaderKind.ContentLength)
            {
                writer.Write(line);
            }
        }

        writer.Header("X-Forwarded-For: "u8, clientAddress);
        writer.Header("X-Forwarded-Proto: "u8, https ? "https" : "http");
        writer.Header("X-Forwarded-Host: "u8, head.Host);
        writer.Header("X-Tenant-Id: "u8, Tenant.Id);
        writer.Header("X-Tenant-Resolved-By: "u8, ByHost);
        writer.Header("X-Gateway-Timestamp: "u8, timestamp);
        writer.Header("X-Gateway-Public-Url: "u8, publicUrl);
        writer.Header("X-Gateway-Proof: "u8, signature);
        writer.Write("\r\n"u8);
        HeadLength = writer.Written;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_head);

    private ref struct SpanWriter(Span<byte> target)
    {
        private readonly Span<byte> _target = target;

        public int Written { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_target[Written..]);
            Written += bytes.Length;
        }

        public void Header(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            Write(name);
            Write(value);
            Write("\r\n"u8);
        }

        public void Header(ReadOnlySpan<byte> name, string value)
        {
            Write(name);
            Written += Encoding.UTF8.GetBytes(value, _target[Written..]);
            Write("\r\n"u8);
        }
    }
}
