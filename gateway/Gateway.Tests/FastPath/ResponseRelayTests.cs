using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Sintestesia.Gateway.FastPath;

namespace Sintestesia.Gateway.Tests.FastPath;

/// <summary>A bot host's answer as the fast path passes it on: framed bodies whole, hop-by-hop headers out, odd answers refused.</summary>
public sealed class ResponseRelayTests
{
    [Fact]
    public async Task AContentLengthAnswerIsPassedOnWholeAndTheConnectionKept()
    {
        var (result, relayed) = await RelayAsync("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 11\r\n\r\n<Response/>");

        Assert.Equal(RelayOutcome.Relayed, result.Outcome);
        Assert.Equal(200, result.Status);
        Assert.True(result.BotHostReusable);
        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 11\r\n\r\n<Response/>", relayed);
    }

    [Fact]
    public async Task AChunkedAnswerArrivingByteByByteEndsAtItsLastChunkAndNotBefore()
    {
        const string answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n1\r\n!\r\n0\r\nX-Trailer: t\r\n\r\n";

        var (result, relayed) = await RelayAsync(answer, byteByByte: true);

        Assert.Equal(RelayOutcome.Relayed, result.Outcome);
        Assert.Equal(answer, relayed);
        Assert.True(result.BotHostReusable);
    }

    [Fact]
    public async Task TheBotHostsConnectionHeadersAreNotPassedOnAndACloseEndsReuse()
    {
        var (result, relayed) = await RelayAsync("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\n{}");

        Assert.Equal(503, result.Status);
        Assert.False(result.BotHostReusable);
        Assert.Equal("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\n\r\n{}", relayed);
    }

    [Fact]
    public async Task AClientThatAskedToCloseIsToldSo()
    {
        var (result, relayed) = await RelayAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", clientWantsClose: true);

        Assert.True(result.ClientMustClose);
        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", relayed);
    }

    [Fact]
    public async Task AnAnswerWithoutLengthRunsUntilTheBotHostClosesAndThenClosesTheClient()
    {
        var (result, relayed) = await RelayAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it");

        Assert.Equal(RelayOutcome.Relayed, result.Outcome);
        Assert.True(result.ClientMustClose);
        Assert.False(result.BotHostReusable);
        Assert.EndsWith("Connection: close\r\n\r\nall of it", relayed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABotHostThatClosesWithoutAByteHasNotAnsweredAndNothingReachesTheClient()
    {
        var (result, relayed) = await RelayAsync(string.Empty);

        Assert.Equal(RelayOutcome.NoAnswer, result.Outcome);
        Assert.Empty(relayed);
    }

    [Theory]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nab")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\nab")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nab")]
    [InlineData("HTTP/2 200\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n")]
    public async Task AnAnswerThisRelayDoesNotUnderstandIsRefusedBeforeAByteReachesTheClient(string answer)
    {
        var (result, relayed) = await RelayAsync(answer);

        Assert.Equal(RelayOutcome.BadAnswer, result.Outcome);
        Assert.Empty(relayed);
    }

    [Fact]
    public async Task AChunkedBodyCutBeforeItsLastChunkIsBroken()
    {
        var (result, _) = await RelayAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");

        Assert.Equal(RelayOutcome.Broken, result.Outcome);
        Assert.True(result.ClientMustClose);
    }

    [Fact]
    public async Task BytesAfterTheAnswerMeanTheBotHostsConnectionIsNotReused()
    {
        var (result, relayed) = await RelayAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n");

        Assert.Equal(RelayOutcome.Relayed, result.Outcome);
        Assert.False(result.BotHostReusable);
        Assert.EndsWith("\r\n\r\nok", relayed, StringComparison.Ordinal);
    }

    private static async Task<(RelayResult Result, string Relayed)> RelayAsync(string answer, bool byteByByte = false, bool clientWantsClose = false)
    {
        var botHost = new Pipe();
        var client = new Pipe();
        var bytes = Encoding.ASCII.GetBytes(answer);
        var feeding = Task.Run(async () =>
        {
            foreach (var part in byteByByte ? bytes.Chunk(1) : [bytes])
            {
                await botHost.Writer.WriteAsync(part);
            }

            await botHost.Writer.CompleteAsync();
        });

        var result = await ResponseRelay.RelayAsync(botHost.Reader, client.Writer, clientWantsClose, CancellationToken.None);
        await feeding;
        await client.Writer.CompleteAsync();
        var read = await client.Reader.ReadAsync();
        while (!read.IsCompleted)
        {
            client.Reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            read = await client.Reader.ReadAsync();
        }

        return (result, Encoding.ASCII.GetString(read.Buffer.ToArray()));
    }
}
