using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Sintestesia.Gateway.Http;

internal static class RequestBody
{
    /// <summary>
    /// Reads the whole body into memory, at most <paramref name="maxBytes"/>, and puts it back so the proxy can
    /// forward it. Null when the body is larger than allowed. Webhook bodies are small; buffering them lets the
    /// gateway validate and route on their content before any bot host sees them.
    /// </summary>
    public static async Task<byte[]?> BufferAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return [];
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

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

        if (bytes is null)
        {
            return null;
        }

        request.Body = new MemoryStream(bytes, writable: false);
        request.ContentLength = bytes.Length;
        return bytes;
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
