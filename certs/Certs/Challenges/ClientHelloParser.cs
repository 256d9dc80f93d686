using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Sintestesia.Certs.Challenges;

/// <summary>The outcome of looking at the first bytes of a connection.</summary>
internal enum ClientHelloParseStatus
{
    /// <summary>A complete ClientHello was read.</summary>
    Parsed,

    /// <summary>So far the bytes look like a ClientHello, but it is not complete yet.</summary>
    NeedMoreData,

    /// <summary>Not a ClientHello (plaintext, garbage, malformed, or larger than <see cref="ClientHelloParser.MaxBytes"/>).</summary>
    NotClientHello,
}

/// <summary>
/// Reads SNI and ALPN from a TLS ClientHello (RFC 8446 section 4.1.2, RFC 5246 section 7.4.1.2), reassembling it if
/// it spans several handshake records. Every read is bounds-checked: garbage yields a status, never an exception.
/// </summary>
internal static class ClientHelloParser
{
    /// <summary>The most bytes (record headers included) looked at; real ClientHellos are well under 2 KiB.</summary>
    public const int MaxBytes = 16 * 1024;

    private const int RecordHeaderLength = 5;
    private const int HandshakeHeaderLength = 4;
    private const byte HandshakeContentType = 0x16;
    private const byte ClientHelloType = 0x01;
    private const int MaxRecordLength = 1 << 14;
    private const ushort ServerNameExtension = 0x0000;
    private const ushort AlpnExtension = 0x0010;

    /// <summary>
    /// How many bytes must have arrived before parsing is worth it: the whole first record once its header is in, so a
    /// ClientHello trickled in byte by byte is parsed about once instead of once per byte. Plaintext is parsed (and
    /// turned away) at once.
    /// </summary>
    public static long BytesBeforeParsing(ReadOnlySequence<byte> input)
    {
        if (input.Length == 0 || input.FirstSpan[0] != HandshakeContentType)
        {
            return Math.Min(input.Length, 1);
        }

        if (input.Length < RecordHeaderLength)
        {
            return RecordHeaderLength;
        }

        Span<byte> header = stackalloc byte[RecordHeaderLength];
        input.Slice(0, RecordHeaderLength).CopyTo(header);
        return Math.Min(RecordHeaderLength + BinaryPrimitives.ReadUInt16BigEndian(header[3..]), MaxBytes);
    }

    public static ClientHelloParseStatus Parse(ReadOnlySequence<byte> input, out ClientHello? hello)
    {
        var length = (int)Math.Min(input.Length, MaxBytes);
        var data = input.IsSingleSegment ? input.FirstSpan[..length] : input.Slice(0, length).ToArray();
        return Parse(data, out hello);
    }

    private static ClientHelloParseStatus Parse(ReadOnlySpan<byte> data, out ClientHello? hello)
    {
        hello = null;
        var handshake = new byte[data.Length];
        var handshakeLength = 0;
        var offset = 0;
        while (true)
        {
            var remaining = data[offset..];
            if (!LooksLikeRecordHeader(remaining))
            {
                return ClientHelloParseStatus.NotClientHello;
            }

            if (remaining.Length < RecordHeaderLength)
            {
                return ClientHelloParseStatus.NeedMoreData;
            }

            int recordLength = BinaryPrimitives.ReadUInt16BigEndian(remaining[3..]);
            if (recordLength is 0 or > MaxRecordLength || offset + RecordHeaderLength + recordLength > MaxBytes)
            {
                return ClientHelloParseStatus.NotClientHello;
            }

            var fragment = remaining[RecordHeaderLength..];
            fragment = fragment[..Math.Min(recordLength, fragment.Length)];
            fragment.CopyTo(handshake.AsSpan(handshakeLength));
            handshakeLength += fragment.Length;

            if (handshakeLength > 0 && handshake[0] != ClientHelloType)
            {
                return ClientHelloParseStatus.NotClientHello;
            }

            if (handshakeLength >= HandshakeHeaderLength)
            {
                var messageLength = HandshakeHeaderLength + (handshake[1] << 16 | handshake[2] << 8 | handshake[3]);
                if (messageLength > MaxBytes)
                {
                    return ClientHelloParseStatus.NotClientHello;
                }

                if (handshakeLength >= messageLength)
                {
                    hello = ParseBody(handshake.AsSpan(HandshakeHeaderLength, messageLength - HandshakeHeaderLength));
                    return hello is null ? ClientHelloParseStatus.NotClientHello : ClientHelloParseStatus.Parsed;
                }
            }

            if (fragment.Length < recordLength)
            {
                return ClientHelloParseStatus.NeedMoreData;
            }

            offset += RecordHeaderLength + recordLength;
        }
    }

    // Content type handshake, legacy record version 3.0 to 3.4: checked on as many bytes as have arrived, so plaintext
    // such as "GET / HTTP/1.1" is turned away from its first byte.
    private static bool LooksLikeRecordHeader(ReadOnlySpan<byte> header) =>
        (header.Length < 1 || header[0] == HandshakeContentType)
        && (header.Length < 2 || header[1] == 3)
        && (header.Length < 3 || header[2] <= 4);

    private static ClientHello? ParseBody(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        if (!reader.TryReadUInt8(out var majorVersion) || majorVersion != 3
            || !reader.TrySkip(1 + 32)
            || !reader.TryReadVector8(out var sessionId) || sessionId.Length > 32
            || !reader.TryReadVector16(out var cipherSuites) || cipherSuites.Length == 0 || cipherSuites.Length % 2 != 0
            || !reader.TryReadVector8(out var compressionMethods) || compressionMethods.Length == 0)
        {
            return null;
        }

        string? serverName = null;
        IReadOnlyList<string> protocols = [];
        if (reader.IsEmpty)
        {
            return new ClientHello(serverName, protocols);
        }

        if (!reader.TryReadVector16(out var extensionBlock))
        {
            return null;
        }

        var extensions = new SpanReader(extensionBlock);
        var seen = new HashSet<ushort>();
        while (!extensions.IsEmpty)
        {
            if (!extensions.TryReadUInt16(out var type) || !extensions.TryReadVector16(out var extension) || !seen.Add(type))
            {
                return null;
            }

            if (type == ServerNameExtension && !TryParseServerName(extension, out serverName))
            {
                return null;
            }

            if (type == AlpnExtension && !TryParseAlpn(extension, out protocols))
            {
                return null;
            }
        }

        return new ClientHello(serverName, protocols);
    }

    /// <summary>RFC 6066 section 3: a list of (name_type, name); the first host_name (type 0) counts.</summary>
    private static bool TryParseServerName(ReadOnlySpan<byte> extension, out string? serverName)
    {
        serverName = null;
        var outer = new SpanReader(extension);
        if (!outer.TryReadVector16(out var list) || !outer.IsEmpty)
        {
            return false;
        }

        var names = new SpanReader(list);
        while (!names.IsEmpty)
        {
            if (!names.TryReadUInt8(out var nameType) || !names.TryReadVector16(out var name))
            {
                return false;
            }

            if (nameType == 0 && serverName is null)
            {
                if (name.IsEmpty || name.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E))
                {
                    return false;
                }

                serverName = Encoding.ASCII.GetString(name);
            }
        }

        return true;
    }

    /// <summary>RFC 7301 section 3.1: a non-empty list of non-empty protocol names, each with a one-byte length.</summary>
    private static bool TryParseAlpn(ReadOnlySpan<byte> extension, out IReadOnlyList<string> protocols)
    {
        protocols = [];
        var outer = new SpanReader(extension);
        if (!outer.TryReadVector16(out var list) || !outer.IsEmpty || list.IsEmpty)
        {
            return false;
        }

        var names = new List<string>();
        var reader = new SpanReader(list);
        while (!reader.IsEmpty)
        {
            if (!reader.TryReadVector8(out var name) || name.IsEmpty)
            {
                return false;
            }

            // Latin-1 maps each byte to one char, so comparing names compares the exact bytes.
            names.Add(Encoding.Latin1.GetString(name));
        }

        protocols = names;
        return true;
    }

    /// <summary>Big-endian TLS vectors over a span; every read checks the remaining length first.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _data = data;

        public readonly bool IsEmpty => _data.IsEmpty;

        public bool TrySkip(int count)
        {
            if (_data.Length < count)
            {
                return false;
            }

            _data = _data[count..];
            return true;
        }

        public bool TryReadUInt8(out byte value)
        {
            value = 0;
            if (_data.IsEmpty)
            {
                return false;
            }

            value = _data[0];
            _data = _data[1..];
            return true;
        }

        public bool TryReadUInt16(out ushort value)
        {
            if (!BinaryPrimitives.TryReadUInt16BigEndian(_data, out value))
            {
                return false;
            }

            _data = _data[2..];
            return true;
        }

        public bool TryReadVector8(out ReadOnlySpan<byte> value)
        {
            value = default;
            return TryReadUInt8(out var length) && TryTake(length, out value);
        }

        public bool TryReadVector16(out ReadOnlySpan<byte> value)
        {
            value = default;
            return TryReadUInt16(out var length) && TryTake(length, out value);
        }

        private bool TryTake(int length, out ReadOnlySpan<byte> value)
        {
            value = default;
            if (_data.Length < length)
            {
                return false;
            }

            value = _data[..length];
            _data = _data[length..];
            return true;
        }
    }
}
