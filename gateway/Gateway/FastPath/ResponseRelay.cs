using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Sintestesia.Gateway.FastPath;

/// <summary>How relaying a bot host's answer ended.</summary>
internal enum RelayOutcome
{
    /// <summary>The whole answer reached the client.</summary>
    Relayed,

    /// <summary>The bot host closed the connection before sending a byte: nothing reached the client, so it may be resent.</summary>
    NoAnswer,

    /// <summary>The answer was malformed or cut before its head ended: nothing reached the client.</summary>
    BadAnswer,

    /// <summary>The answer broke off after its head was passed on: the client's connection must be closed.</summary>
    Broken,
}

internal readonly record struct RelayResult(RelayOutcome Outcome, int Status, bool BotHostReusable, bool ClientMustClose);

/// <summary>
/// Passes a bot host's HTTP/1.1 answer to the client: the head without hop-by-hop headers, then the body as framed
/// (Content-Length, chunked, or until the bot host closes), bytes unchanged.
/// </summary>
internal static class ResponseRelay
{
    private const int MaxHead = 64 * 1024;

    public static async ValueTask<RelayResult> RelayAsync(PipeReader botHost, PipeWriter client, bool clientWantsClose, CancellationToken cancel)
    {
        ReadResult read;
        int headLength;
        while (true)
        {
            try
            {
                read = await botHost.ReadAsync(cancel);
            }
            catch (Exception e) when (e is IOException or ConnectionResetException or ConnectionAbortedException)
            {
                return new RelayResult(RelayOutcome.NoAnswer, 0, false, false);
            }

            headLength = HeadLength(read.Buffer);
            if (headLength > 0)
            {
                break;
            }

            if (read.IsCompleted || read.IsCanceled || read.Buffer.Length > MaxHead)
            {
                var outcome = read.Buffer.IsEmpty && read.IsCompleted ? RelayOutcome.NoAnswer : RelayOutcome.BadAnswer;
                botHost.AdvanceTo(read.Buffer.End);
                return new RelayResult(outcome, 0, false, false);
            }

            botHost.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        var head = Contiguous(read.Buffer.Slice(0, headLength), out var rented);
        try
        {
            if (!ResponseHead.TryParse(head, out var parsed))
            {
                botHost.AdvanceTo(read.Buffer.End);
                return new RelayResult(RelayOutcome.BadAnswer, 0, false, false);
            }

            var closeClient = clientWantsClose || parsed.Framing == Framing.UntilClose;
            WriteHead(client, head, parsed, closeClient);
            var body = read.Buffer.Slice(headLength);
            bool relayed, clean;
            try
            {
                (relayed, clean) = await RelayBodyAsync(botHost, client, body, read.IsCompleted, parsed, cancel);
            }
            catch (Exception e) when (e is IOException or ConnectionResetException or ConnectionAbortedException or OperationCanceledException)
            {
                // The head has gone to the client: whatever broke now (either side, or the time limit) ends both connections.
                (relayed, clean) = (false, false);
            }

            return new RelayResult(relayed ? RelayOutcome.Relayed : RelayOutcome.Broken, parsed.Status,
                clean && parsed.Reusable && parsed.Framing != Framing.UntilClose, closeClient || !relayed);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int HeadLength(ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            return RequestHead.EndOf(buffer.FirstSpan);
        }

        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, "\r\n\r\n"u8) ? (int)reader.Consumed : -1;
    }

    private static ReadOnlySpan<byte> Contiguous(ReadOnlySequence<byte> bytes, out byte[]? rented)
    {
        rented = null;
        if (bytes.IsSingleSegment)
        {
            return bytes.FirstSpan;
        }

        rented = ArrayPool<byte>.Shared.Rent((int)bytes.Length);
        bytes.CopyTo(rented);
        return rented.AsSpan(0, (int)bytes.Length);
    }

    private static void WriteHead(PipeWriter client, ReadOnlySpan<byte> head, in ResponseHead parsed, bool closeClient)
    {
        var size = head.Length + 19;
        var span = client.GetSpan(size);
        var written = 0;
        var lines = head[..^2];
        while (!lines.IsEmpty)
        {
            var end = lines.IndexOf("\r\n"u8) + 2;
            var line = lines[..end];
            lines = lines[end..];
            if (written == 0 || !ResponseHead.IsHopByHop(line))
            {
                line.CopyTo(span[written..]);
                written += line.Length;
            }
        }

        if (closeClient)
        {
            "Connection: close\r\n"u8.CopyTo(span[written..]);
            written += 19;
        }

        "\r\n"u8.CopyTo(span[written..]);
        client.Advance(written + 2);
    }

    /// <summary>Whether the body reached the client whole, and whether the bot host sent nothing after it (else its connection is not reused).</summary>
    private static async ValueTask<(bool Relayed, bool Clean)> RelayBodyAsync(
        PipeReader botHost, PipeWriter client, ReadOnlySequence<byte> body, bool completed, ResponseHead head, CancellationToken cancel)
    {
        var remaining = head.ContentLength;
        var chunked = default(ChunkedBody);
        while (true)
        {
            long take;
            bool done;
            switch (head.Framing)
            {
                case Framing.None:
                    take = 0;
                    done = true;
                    break;
                case Framing.Length:
                    take = Math.Min(remaining, body.Length);
                    remaining -= take;
                    done = remaining == 0;
                    break;
                case Framing.Chunked:
                    if (!chunked.TryAdvance(body, out take))
                    {
                        botHost.AdvanceTo(body.End);
                        return (false, false);
                    }

                    done = chunked.IsDone;
                    break;
                default:
                    take = body.Length;
                    done = completed;
                    break;
            }

            var part = body.Slice(0, take);
            foreach (var segment in part)
            {
                client.Write(segment.Span);
            }

            botHost.AdvanceTo(part.End, done ? part.End : body.End);
            var flushed = await client.FlushAsync(cancel);
            if (done)
            {
                return (true, take == body.Length);
            }

            if (completed || flushed.IsCompleted)
            {
                // The bot host closed before the body's end, or the client went away.
                return (false, false);
            }

            var read = await botHost.ReadAsync(cancel);
            if (read.IsCanceled)
            {
                botHost.AdvanceTo(read.Buffer.Start);
                return (false, false);
            }

            (body, completed) = (read.Buffer, read.IsCompleted);
        }
    }
}

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
