using System.Buffers;
using System.Globalization;

namespace Sintestesia.Gateway.FastPath;

/// <summary>
/// Follows a chunked response body as it is relayed, to know where it ends; the bytes are passed on unchanged.
/// A bot host's body that breaks the chunked syntax ends the relay (and both connections) instead of being guessed at.
/// </summary>
internal struct ChunkedBody
{
    private const int MaxLine = 4096;

    private Phase _phase;
    private long _remaining;

    private enum Phase
    {
        SizeLine,
        Data,
        DataEnd,
        Trailer,
        Done,
    }

    public readonly bool IsDone => _phase == Phase.Done;

    /// <summary>Consumes what it can of <paramref name="buffer"/>: how many bytes belong to the body; false if it is malformed.</summary>
    public bool TryAdvance(ReadOnlySequence<byte> buffer, out long consumed)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (_phase != Phase.Done && !reader.End)
        {
            switch (_phase)
            {
                case Phase.SizeLine or Phase.Trailer:
                    if (!reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
                    {
                        consumed = reader.Consumed;
                        return reader.Remaining <= MaxLine;
                    }

                    if (line.Length > MaxLine || !TryLine(line))
                    {
                        consumed = reader.Consumed;
                        return false;
                    }

                    break;
                case Phase.Data:
                    var take = Math.Min(_remaining, reader.Remaining);
                    reader.Advance(take);
                    _remaining -= take;
                    if (_remaining == 0)
                    {
                        _phase = Phase.DataEnd;
                    }

                    break;
                case Phase.DataEnd:
                    if (reader.Remaining < 2)
                    {
                        consumed = reader.Consumed;
                        return true;
                    }

                    if (!reader.IsNext("\r\n"u8, advancePast: true))
                    {
                        consumed = reader.Consumed;
                        return false;
                    }

                    _phase = Phase.SizeLine;
                    break;
            }
        }

        consumed = reader.Consumed;
        return true;
    }

    private bool TryLine(ReadOnlySequence<byte> line)
    {
        if (_phase == Phase.Trailer)
        {
            if (line.IsEmpty)
            {
                _phase = Phase.Done;
            }

            return true;
        }

        Span<byte> text = stackalloc byte[(int)line.Length];
        line.CopyTo(text);
        var extension = text.IndexOf((byte)';');
        var digits = (extension < 0 ? text : text[..extension]).TrimEnd(" \t"u8);
        if (digits.IsEmpty || digits.Length > 15
            || !long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            return false;
        }

        (_phase, _remaining) = size == 0 ? (Phase.Trailer, 0L) : (Phase.Data, size);
        return true;
    }
}
