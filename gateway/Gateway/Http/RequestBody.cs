using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Sintestesia.Gateway.Http;

internal static class RequestBody
{
    /// <summary>
    /// Reads the whole body into memory, at most <paramref name="maxBytes"/>, and puts it back so the proxy can
    /// forward it. Null when the body is larger than allowed. Webhook bodies are small; buffering them lets the
    /// gateway validate and route on their content before any bot host sees them. A body that has already arrived
    /// whole (a webhook's few hundred bytes usually come with its headers) is taken without waiting.
    /// </summary>
    public static ValueTask<byte[]?> BufferAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return ValueTask.FromResult<byte[]?>(null);
        }

        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return ValueTask.FromResult<byte[]?>([]);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        if (request.ContentLength is { } length && TryTakeArrived(request, length) is { } arrived)
        {
            return ValueTask.FromResult<byte[]?>(arrived);
        }

        return new ValueTask<byte[]?>(ReadAsync(request, maxBytes, ct));
    }

    private static byte[]? TryTakeArrived(HttpRequest request, long length)
    {
        var reader = request.BodyReader;
        if (!reader.TryRead(out var result))
        {
            return null;
        }

        if (result.Buffer.Length < length)
        {
            // Nothing consumed or examined: the next read sees the same bytes, plus whatever arrives.
            reader.AdvanceTo(result.Buffer.Start);
            return null;
        }

        var bytes = result.Buffer.Slice(0, length).ToArray();
        reader.AdvanceTo(result.Buffer.GetPosition(length));
        Replace(request, bytes);
        return bytes;
    }

    private static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        byte[]? bytes;
        try
        {
            bytes = request.ContentLength is { } length
                ? await ReadExactlyAsync(request.Body, (int)length, ct)
                : await ReadChunkedAsync(request.Body, maxBytes, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        if (bytes is not null)
        {
            Replace(request, bytes);
        }

        return bytes;
    }

    private static void Replace(HttpRequest request, byte[] bytes)
    {
        request.Body = new MemoryStream(bytes, writable: false);
        request.ContentLength = bytes.Length;
    }

    // With a Content-Length (webhook senders set one) the body goes straight into an array of its size: no 8 KiB
    // chunk, no growing MemoryStream and no copy per request (docs/benchmarks.md has what that bought).
    private static async Task<byte[]?> ReadExactlyAsync(Stream body, int length, CancellationToken ct)
    {
        var bytes = new byte[length];
        await body.ReadExactlyAsync(bytes, ct);
        return bytes;
    }

    private static async Task<byte[]?> ReadChunkedAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
