using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.BadInput;

/// <summary>Bodies over 64 KiB are refused with 413 whether their length is announced or streamed in chunks.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class OversizeBodyTests(SharedSystem system)
{
    private static readonly byte[] Oversize = Encoding.UTF8.GetBytes(
        $"{{\"telefono\":\"+56911111111\",\"mensaje\":\"{new string('a', (64 * 1024) + 100)}\"}}");

    [Fact]
    public async Task BodyOverTheLimitWithContentLengthIsTooLarge()
    {
        var content = new ByteArrayContent(Oversize);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var reply = await PostAsync(content);

        Assert.Equal(Oversize.Length, content.Headers.ContentLength);
        ErrorReply.AssertSentence(reply, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimitIsTooLarge()
    {
        var reply = await PostAsync(new ChunkedContent(Oversize));

        ErrorReply.AssertSentence(reply, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ShopStillAnswersAfterOversizeBodies()
    {
        await PostAsync(new ChunkedContent(Oversize));

        Assert.Equal(HttpStatusCode.OK, (await system.AskAsync("acme", "hola")).Status);
    }

    private Task<Reply> PostAsync(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.InternalUrl, "/webhook/acme")) { Content = content };
        request.Headers.TransferEncodingChunked = content is ChunkedContent;
        return system.SendAsync(request);
    }

    /// <summary>Content whose length HttpClient cannot know, so it is sent with <c>Transfer-Encoding: chunked</c>.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            foreach (var chunk in _bytes.Chunk(4096))
            {
                await stream.WriteAsync(chunk);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
