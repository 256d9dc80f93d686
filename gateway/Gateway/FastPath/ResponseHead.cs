using System.Buffers.Text;

namespace Sintestesia.Gateway.FastPath;

internal enum Framing
{
    None,
    Length,
    Chunked,
    UntilClose,
}

/// <summary>A bot host's response head, checked before a byte of it is passed on.</summary>
internal readonly struct ResponseHead
{
    public int Status { get; init; }

    public Framing Framing { get; init; }

    public long ContentLength { get; init; }

    public bool Reusable { get; init; }

    public static bool TryParse(ReadOnlySpan<byte> head, out ResponseHead parsed)
    {
        parsed = default;
        var lineEnd = head.IndexOf("\r\n"u8);
        var http11 = head.StartsWith("HTTP/1.1 "u8);
        if (lineEnd < 12 || (!http11 && !head.StartsWith("HTTP/1.0 "u8))
            || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out var used) || used != 3 || status is < 200 or > 599)
        {
            // 1xx never comes (no Expect is sent); anything else is not a response this relay understands.
            return false;
        }

        long contentLength = -1;
        var chunked = false;
        var reusable = http11;
        var rest = head[(lineEnd + 2)..^2];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = rest[..end];
            rest = rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return false;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (RequestHead.Is(name, "content-length"u8))
            {
                if (contentLength >= 0 || !Utf8Parser.TryParse(value, out contentLength, out used) || used != value.Length || contentLength < 0)
                {
                    return false;
                }
            }
            else if (RequestHead.Is(name, "transfer-encoding"u8))
            {
                if (chunked || !RequestHead.Is(value, "chunked"u8))
                {
                    return false;
                }

                chunked = true;
            }
            else if (RequestHead.Is(name, "connection"u8) && value.IndexOf("close"u8) >= 0)
            {
                reusable = false;
            }
        }

        if (chunked && contentLength >= 0)
        {
            return false;
        }

        var framing = status is 204 or 304 ? Framing.None
            : chunked ? Framing.Chunked
            : contentLength >= 0 ? (contentLength == 0 ? Framing.None : Framing.Length)
            : Framing.UntilClose;
        parsed = new ResponseHead { Status = status, Framing = framing, ContentLength = Math.Max(contentLength, 0), Reusable = reusable };
        return true;
    }

    /// <summary>Headers about the bot host's connection, not the client's: never passed on.</summary>
    public static bool IsHopByHop(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        var name = colon > 0 ? line[..colon] : line;
        return RequestHead.Is(name, "connection"u8) || RequestHead.Is(name, "keep-alive"u8) || RequestHead.Is(name, "proxy-connection"u8);
    }
}
