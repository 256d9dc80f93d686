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

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        var bytes = buffer.ToArray();
        request.Body = new MemoryStream(bytes, writable: false);
        request.ContentLength = bytes.Length;
        return bytes;
    }
}
