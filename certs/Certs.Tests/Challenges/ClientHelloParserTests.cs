using System.Buffers;
using System.Text;
using Sintestesia.Certs.Challenges;

namespace Sintestesia.Certs.Tests.Challenges;

public sealed class ClientHelloParserTests
{
    [Fact]
    public async Task RealClientHelloParsesToItsServerNameAndAlpnList()
    {
        var bytes = await ClientHelloCapture.CaptureAsync("acme.sintestesia.cl", "acme-tls/1");

        var status = ClientHelloParser.Parse(new ReadOnlySequence<byte>(bytes), out var hello);

        Assert.Equal(ClientHelloParseStatus.Parsed, status);
        Assert.Equal("acme.sintestesia.cl", hello!.ServerName);
        Assert.Equal(["acme-tls/1"], hello.ApplicationProtocols);
    }

    [Fact]
    public async Task AlpnListKeepsTheClientsOrder()
    {
        var bytes = await ClientHelloCapture.CaptureAsync("www.sintestesia.cl", "h2", "http/1.1");

        ClientHelloParser.Parse(new ReadOnlySequence<byte>(bytes), out var hello);

        Assert.Equal("www.sintestesia.cl", hello!.ServerName);
        Assert.Equal(["h2", "http/1.1"], hello.ApplicationProtocols);
    }

    [Fact]
    public async Task ClientHelloWithoutSniOrAlpnParsesToNoNameAndNoProtocols()
    {
        var bytes = await ClientHelloCapture.CaptureAsync(targetHost: null);

        var status = ClientHelloParser.Parse(new ReadOnlySequence<byte>(bytes), out var hello);

        Assert.Equal(ClientHelloParseStatus.Parsed, status);
        Assert.Null(hello!.ServerName);
        Assert.Empty(hello.ApplicationProtocols);
    }

    [Fact]
    public async Task EveryTruncatedPrefixOfAClientHelloAsksForMoreData()
    {
        var bytes = await ClientHelloCapture.CaptureAsync("acme.sintestesia.cl", "acme-tls/1");

        for (var length = 0; length < bytes.Length; length++)
        {
            var status = ClientHelloParser.Parse(new ReadOnlySequence<byte>(bytes, 0, length), out var hello);
            Assert.True(status == ClientHelloParseStatus.NeedMoreData, $"prefix of {length} bytes gave {status}");
            Assert.Null(hello);
        }
    }

    [Fact]
    public async Task ClientHelloSpreadOverManyBufferSegmentsStillParses()
    {
        var bytes = await ClientHelloCapture.CaptureAsync("acme.sintestesia.cl", "acme-tls/1");

        var status = ClientHelloParser.Parse(Segmented(bytes, 3), out var hello);

        Assert.Equal(ClientHelloParseStatus.Parsed, status);
        Assert.Equal("acme.sintestesia.cl", hello!.ServerName);
    }

    [Fact]
    public async Task ClientHelloFragmentedOverSeveralTlsRecordsIsReassembled()
    {
        var bytes = await ClientHelloCapture.CaptureAsync("acme.sintestesia.cl", "acme-tls/1");
        var handshake = bytes.AsSpan(5);
        // Three records, the first holding only two bytes of the handshake header.
        byte[] fragmented = [.. Record(handshake[..2]), .. Record(handshake[2..100]), .. Record(handshake[100..])];

        var status = ClientHelloParser.Parse(new ReadOnlySequence<byte>(fragmented), out var hello);
        var partial = ClientHelloParser.Parse(new ReadOnlySequence<byte>(fragmented, 0, fragmented.Length - 1), out _);

        Assert.Equal(ClientHelloParseStatus.Parsed, status);
        Assert.Equal(["acme-tls/1"], hello!.ApplicationProtocols);
        Assert.Equal(ClientHelloParseStatus.NeedMoreData, partial);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: acme.sintestesia.cl\r\n\r\n")]
    [InlineData("G")]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")]
    public void PlaintextIsNotAClientHello(string plaintext)
    {
        var status = ClientHelloParser.Parse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(plaintext)), out var hello);

        Assert.Equal(ClientHelloParseStatus.NotClientHello, status);
        Assert.Null(hello);
    }

    [Theory]
    [InlineData(new byte[] { 0x17, 0x03, 0x03, 0x00, 0x10 })] // application data, not handshake
    [InlineData(new byte[] { 0x16, 0x02 })] // record version 2.x
    [InlineData(new byte[] { 0x16, 0x03, 0x03, 0x40, 0x01 })] // record longer than 2^14
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x00 })] // empty record
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x04, 0x02 })] // ServerHello, not ClientHello
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00 })] // empty ClientHello body
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0xFF, 0xFF, 0xFF })] // ClientHello claiming 16 MiB
    public void MalformedOrOversizedRecordsAreNotAClientHello(byte[] bytes)
    {
        var status = ClientHelloParser.Parse(new ReadOnlySequence<byte>(bytes), out _);

        Assert.Equal(ClientHelloParseStatus.NotClientHello, status);
    }

    [Fact]
    public async Task RandomGarbageAndCorruptedClientHellosNeverThrow()
    {
        var bytes = await ClientHelloCapture.CaptureAsync("acme.sintestesia.cl", "acme-tls/1");
        var random = new Random(8737);
        var statuses = new HashSet<ClientHelloParseStatus>();

        for (var round = 0; round < 20_000; round++)
        {
            byte[] input;
            if (round % 2 == 0)
            {
                input = (byte[])bytes.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    input[random.Next(input.Length)] = (byte)random.Next(256);
                }
            }
            else
            {
                input = new byte[random.Next(0, 600)];
                random.NextBytes(input);
                if (input.Length > 0 && round % 4 == 1)
                {
                    input[0] = 0x16; // get past the first check now and then
                }
            }

            statuses.Add(ClientHelloParser.Parse(new ReadOnlySequence<byte>(input), out _));
        }

        // Corruption lands in every outcome: still parsed (e.g. a flipped random byte), cut short, or rejected.
        Assert.Equal(3, statuses.Count);
    }

    private static byte[] Record(ReadOnlySpan<byte> fragment) =>
        [0x16, 0x03, 0x01, (byte)(fragment.Length >> 8), (byte)fragment.Length, .. fragment];

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int size)
    {
        var first = new Segment(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
        var last = first;
        for (var offset = size; offset < bytes.Length; offset += size)
        {
            last = last.Append(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
