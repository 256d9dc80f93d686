using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Sintestesia.Certs.Tests.Challenges;

/// <summary>The peek over a real <see cref="Pipe"/>: nothing consumed, and the next reader is not left waiting.</summary>
public sealed class ClientHelloPeekTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ClientHelloWrittenInPiecesIsPeekedAndTheNextReadGetsEveryByteAtOnce()
    {
        var bytes = await ClientHelloCapture.CaptureAsync("acme.sintestesia.cl", "acme-tls/1");
        var pipe = new Pipe();

        var peek = AcmeTlsAlpn.PeekClientHelloAsync(pipe.Reader, CancellationToken.None);
        for (var offset = 0; offset < bytes.Length; offset += 50)
        {
            Assert.False(peek.IsCompleted);
            await pipe.Writer.WriteAsync(bytes.AsMemory(offset, Math.Min(50, bytes.Length - offset)));
            await Task.Delay(10);
        }

        var hello = await peek.WaitAsync(Timeout);
        var next = await pipe.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal("acme.sintestesia.cl", hello!.ServerName);
        Assert.Equal(bytes, next.Buffer.ToArray());
    }

    [Fact]
    public async Task PlaintextIsLeftInThePipeWithoutAFeature()
    {
        var request = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n\r\n");
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(request);

        var hello = await AcmeTlsAlpn.PeekClientHelloAsync(pipe.Reader, CancellationToken.None).WaitAsync(Timeout);
        var next = await pipe.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

        Assert.Null(hello);
        Assert.Equal(request, next.Buffer.ToArray());
    }

    [Fact]
    public async Task ClientThatHangsUpMidClientHelloEndsThePeekWithoutAFeature()
    {
        var bytes = await ClientHelloCapture.CaptureAsync("acme.sintestesia.cl", "acme-tls/1");
        var pipe = new Pipe();

        var peek = AcmeTlsAlpn.PeekClientHelloAsync(pipe.Reader, CancellationToken.None);
        await pipe.Writer.WriteAsync(bytes.AsMemory(0, 20));
        await pipe.Writer.CompleteAsync();

        Assert.Null(await peek.WaitAsync(Timeout));
    }
}
