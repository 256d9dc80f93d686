using System.Buffers;
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
