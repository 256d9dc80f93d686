using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.FastPath;

/// <summary>The answers the fast path gives itself (429, 502, 504), with the same JSON error body as the rest of the gateway.</summary>
internal sealed class FastAnswers(JsonSerializerOptions json, TimeProvider time)
{
    public void WriteError(PipeWriter output, int status, string error, bool close, int? retryAfterSeconds = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(error), json);
        var head = new StringBuilder(256)
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append("Content-Type: application/json; charset=utf-8\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {time.GetUtcNow():r}\r\n");
        if (retryAfterSeconds is { } seconds)
        {
            head.Append(CultureInfo.InvariantCulture, $"Retry-After: {seconds}\r\n");
        }

        if (close)
        {
            head.Append("Connection: close\r\n");
        }

        head.Append("\r\n");
        var written = Encoding.ASCII.GetBytes(head.ToString(), output.GetSpan(head.Length));
        output.Advance(written);
        output.Write(body);
    }
}
