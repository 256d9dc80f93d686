using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Sintestesia.Gateway.Tests.FastPath;

/// <summary>
/// One kept-alive TCP connection to a listener, written to byte for byte (several requests in one write, if asked) and
/// read back one answer at a time: what a webhook sender's HTTP/1.1 client does, without a client library's choices.
/// </summary>
internal sealed class RawConnection : IAsyncDisposable
{
    private readonly TcpClient _client = new() { NoDelay = true };
    private readonly List<byte> _pending = [];
    private NetworkStream? _stream;

    public static async Task<RawConnection> OpenAsync(Uri listener)
    {
        var connection = new RawConnection();
        await connection._client.ConnectAsync(listener.Host, listener.Port);
        connection._stream = connection._client.GetStream();
        return connection;
    }

    public async Task SendAsync(string requests) => await _stream!.WriteAsync(Encoding.UTF8.GetBytes(requests));

    /// <summary>The next answer, or null if the server closed the connection first.</summary>
    public async Task<RawAnswer?> ReadAnswerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var head = await ReadHeadAsync(timeout.Token);
        if (head is null)
        {
            return null;
        }

        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(':', 2))
            .ToLookup(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        string body;
        if (headers["Transfer-Encoding"].Any(v => v.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            var text = new StringBuilder();
            while (true)
            {
                var size = Convert.ToInt32((await ReadLineAsync(timeout.Token)).Split(';')[0], 16);
                if (size == 0)
                {
                    while ((await ReadLineAsync(timeout.Token)).Length > 0)
                    {
                    }

                    break;
                }

                text.Append(Encoding.UTF8.GetString(await ReadExactlyAsync(size, timeout.Token)));
                await ReadLineAsync(timeout.Token);
            }

            body = text.ToString();
        }
        else
        {
            var length = headers["Content-Length"].Select(v => int.Parse(v, CultureInfo.InvariantCulture)).FirstOrDefault();
            body = Encoding.UTF8.GetString(await ReadExactlyAsync(length, timeout.Token));
        }

        return new RawAnswer(status, headers, body);
    }

    /// <summary>True when the server has closed its side: the next read finds the end of the stream.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return _pending.Count == 0 && await _stream!.ReadAsync(new byte[1], timeout.Token) == 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        _client.Dispose();
    }

    private Task<string?> ReadHeadAsync(CancellationToken cancel) => ReadUntilAsync("\r\n\r\n", cancel);

    private async Task<string> ReadLineAsync(CancellationToken cancel) =>
        await ReadUntilAsync("\r\n", cancel) ?? throw new EndOfStreamException("The server closed in the middle of a chunked body.");

    /// <summary>The text before <paramref name="terminator"/>, both consumed; null if the server closed first.</summary>
    private async Task<string?> ReadUntilAsync(string terminator, CancellationToken cancel)
    {
        while (true)
        {
            var text = Encoding.ASCII.GetString([.. _pending]);
            var end = text.IndexOf(terminator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.RemoveRange(0, end + terminator.Length);
                return text[..end];
            }

            if (!await FillAsync(cancel))
            {
                return null;
            }
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancel)
    {
        while (_pending.Count < count)
        {
            if (!await FillAsync(cancel))
            {
                throw new EndOfStreamException($"The server closed after {_pending.Count} of {count} body bytes.");
            }
        }

        var bytes = _pending.GetRange(0, count).ToArray();
        _pending.RemoveRange(0, count);
        return bytes;
    }

    private async Task<bool> FillAsync(CancellationToken cancel)
    {
        var buffer = new byte[8192];
        var read = await _stream!.ReadAsync(buffer, cancel);
        _pending.AddRange(buffer.AsSpan(0, read).ToArray());
        return read > 0;
    }
}

internal sealed record RawAnswer(int Status, ILookup<string, string> Headers, string Body)
{
    public override string ToString() => $"{Status} {Body}";
}
