using System.Buffers.Text;

namespace Sintestesia.Gateway.FastPath;

/// <summary>
/// A request head the fast path may forward: HTTP/1.1 GET or POST to <c>/bot/…</c>, one Host, at most one plain
/// Content-Length, printable ASCII only, no Transfer-Encoding, Expect, Upgrade or TE, no folded lines. Anything else
/// is not parsed further: Kestrel reads the same bytes instead, with every rule of HTTP/1.1, so refusing here is cheap
/// and accepting only the plainest requests leaves no room for two parsers to disagree about where a request ends.
/// </summary>
internal readonly ref struct RequestHead
{
    public const int MaxHeaders = 100;

    private static ReadOnlySpan<byte> Terminator => "\r\n\r\n"u8;

    /// <summary>Bytes of the head, final empty line included.</summary>
    public required int Length { get; init; }

    public required bool IsPost { get; init; }

    /// <summary>Path and query as sent; the path has no percent-escapes or dot segments, so it needs no decoding.</summary>
    public required ReadOnlySpan<byte> Target { get; init; }

    public required int PathLength { get; init; }

    public required ReadOnlySpan<byte> Host { get; init; }

    public required long ContentLength { get; init; }

    public required bool WantsClose { get; init; }

    /// <summary>The header lines (each with its CRLF) after the request line, final empty line excluded.</summary>
    public required ReadOnlySpan<byte> HeaderLines { get; init; }

    /// <summary>The end of a head in <paramref name="data"/>, or -1 if it has not all arrived.</summary>
    public static int EndOf(ReadOnlySpan<byte> data)
    {
        var at = data.IndexOf(Terminator);
        return at < 0 ? -1 : at + Terminator.Length;
    }

    /// <summary>Parses a complete head (ending in an empty line); false if the fast path must leave it to Kestrel.</summary>
    public static bool TryParse(ReadOnlySpan<byte> head, long maxBody, out RequestHead parsed)
    {
        parsed = default;
        var lineEnd = head.IndexOf("\r\n"u8);
        if (lineEnd < 0 || !TryParseRequestLine(head[..lineEnd], out var isPost, out var target, out var pathLength))
        {
            return false;
        }

        var lines = head[(lineEnd + 2)..^2];
        var rest = lines;
        ReadOnlySpan<byte> host = default;
        long contentLength = -1;
        var hosts = 0;
        var wantsClose = false;
        for (var count = 0; !rest.IsEmpty; count++)
        {
            var end = rest.IndexOf("\r\n"u8);
            if (count == MaxHeaders || end <= 0 || !TrySplitHeader(rest[..end], out var name, out var value))
            {
                return false;
            }

            rest = rest[(end + 2)..];
            switch (Classify(name))
            {
                case HeaderKind.Host:
                    host = value;
                    hosts++;
                    break;
                case HeaderKind.ContentLength when contentLength < 0 && TryParseLength(value, out var length):
                    contentLength = length;
                    break;
                case HeaderKind.Connection when Is(value, "close"u8) || Is(value, "keep-alive"u8):
                    wantsClose |= Is(value, "close"u8);
                    break;
                case HeaderKind.Other or HeaderKind.Dropped:
                    break;
                default:
                    // A second Content-Length, Transfer-Encoding, Expect, Upgrade, TE, an odd Connection: Kestrel decides.
                    return false;
            }
        }

        contentLength = Math.Max(contentLength, 0);
        if (hosts != 1 || !IsPlainHost(host) || contentLength > maxBody || (!isPost && contentLength > 0))
        {
            return false;
        }

        parsed = new RequestHead
        {
            Length = head.Length,
            IsPost = isPost,
            Target = target,
            PathLength = pathLength,
            Host = host,
            ContentLength = contentLength,
            WantsClose = wantsClose,
            HeaderLines = lines,
        };
        return true;
    }

    public enum HeaderKind
    {
        Other,
        Host,
        ContentLength,
        Connection,

        /// <summary>Hop-by-hop or the gateway's own: never copied to the bot host.</summary>
        Dropped,

        /// <summary>Framing or protocol switches the fast path does not handle.</summary>
        Unsupported,
    }

    public static HeaderKind Classify(ReadOnlySpan<byte> name)
    {
        if (name.Length < 2)
        {
            return HeaderKind.Other;
        }

        return (name[0] | 0x20) switch
        {
            'h' when Is(name, "host"u8) => HeaderKind.Host,
            'c' when Is(name, "content-length"u8) => HeaderKind.ContentLength,
            'c' when Is(name, "connection"u8) => HeaderKind.Connection,
            'k' when Is(name, "keep-alive"u8) => HeaderKind.Dropped,
            'p' when Is(name, "proxy-connection"u8) => HeaderKind.Dropped,
            'x' when IsGatewayOwned(name) => HeaderKind.Dropped,
            't' when Is(name, "transfer-encoding"u8) || Is(name, "te"u8) || Is(name, "trailer"u8) => HeaderKind.Unsupported,
            'e' when Is(name, "expect"u8) => HeaderKind.Unsupported,
            'u' when Is(name, "upgrade"u8) => HeaderKind.Unsupported,
            _ => HeaderKind.Other,
        };
    }

    /// <summary>The proof headers (a client's copies are never forwarded) and X-Forwarded-*, which the gateway sets itself.</summary>
    private static bool IsGatewayOwned(ReadOnlySpan<byte> name) =>
        Is(name, "x-tenant-id"u8) || Is(name, "x-tenant-resolved-by"u8) || Is(name, "x-gateway-timestamp"u8)
        || Is(name, "x-gateway-proof"u8) || Is(name, "x-gateway-public-url"u8) || Is(name, "x-forwarded-for"u8)
        || Is(name, "x-forwarded-proto"u8) || Is(name, "x-forwarded-host"u8) || Is(name, "x-forwarded-prefix"u8);

    public static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lowerCase) =>
        name.Length == lowerCase.Length && System.Text.Ascii.EqualsIgnoreCase(name, lowerCase);

    private static bool TryParseRequestLine(ReadOnlySpan<byte> line, out bool isPost, out ReadOnlySpan<byte> target, out int pathLength)
    {
        target = default;
        pathLength = 0;
        isPost = line.StartsWith("POST "u8);
        if (!isPost && !line.StartsWith("GET "u8))
        {
            return false;
        }

        line = line[(isPost ? 5 : 4)..];
        if (!line.EndsWith(" HTTP/1.1"u8))
        {
            return false;
        }

        target = line[..^9];
        if (!target.StartsWith("/bot/"u8))
        {
            return false;
        }

        var query = target.IndexOf((byte)'?');
        pathLength = query < 0 ? target.Length : query;
        return IsPlainPath(target[..pathLength]) && IsPlainQuery(target[pathLength..]);
    }

    /// <summary>Letters, digits and the characters a path segment may hold unescaped; no '%', no dot segments.</summary>
    private static bool IsPlainPath(ReadOnlySpan<byte> path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            var plain = c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'/' or (byte)'-' or (byte)'_' or (byte)'~' or (byte)'!' or (byte)'$' or (byte)'&' or (byte)'\''
                or (byte)'(' or (byte)')' or (byte)'*' or (byte)'+' or (byte)',' or (byte)';' or (byte)'=' or (byte)':' or (byte)'@'
                || (c == (byte)'.' && path[i - 1] != (byte)'/');
            if (!plain)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A DNS name with at most a numeric port: the only Host a shop's webhook has (Kestrel judges the rest).</summary>
    private static bool IsPlainHost(ReadOnlySpan<byte> host)
    {
        var colon = host.IndexOf((byte)':');
        var name = colon < 0 ? host : host[..colon];
        var port = colon < 0 ? default : host[(colon + 1)..];
        if (name.IsEmpty || (colon >= 0 && port.Length is 0 or > 5))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.'))
            {
                return false;
            }
        }

        foreach (var c in port)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainQuery(ReadOnlySpan<byte> query)
    {
        foreach (var c in query)
        {
            if (c is <= 0x20 or >= 0x7F or (byte)'#')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TrySplitHeader(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        var colon = line.IndexOf((byte)':');
        name = colon > 0 ? line[..colon] : default;
        if (colon <= 0 || !IsToken(name))
        {
            return false;
        }

        value = line[(colon + 1)..].Trim(" \t"u8);
        foreach (var c in value)
        {
            if (c is (< 0x20 and not (byte)'\t') or >= 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsToken(ReadOnlySpan<byte> name)
    {
        foreach (var c in name)
        {
            var token = c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*' or (byte)'+'
                or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~';
            if (!token)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseLength(ReadOnlySpan<byte> value, out long length)
    {
        length = 0;
        if (value.IsEmpty || value.Length > 15)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return Utf8Parser.TryParse(value, out length, out var consumed) && consumed == value.Length;
    }
}
