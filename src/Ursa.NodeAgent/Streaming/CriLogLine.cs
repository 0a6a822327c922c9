using System.Globalization;
using System.Text;

namespace Ursa.NodeAgent.Streaming;

/// <summary>
/// One entry of a CRI container log file: <c>2016-10-06T00:17:09.669794202Z stdout F text</c>. The tag is F
/// for a full line, P for a partial one (a long line split by the runtime, or output not ended by a newline);
/// the runtime writes the rest in later entries, the last one tagged F.
/// </summary>
/// <remarks>
/// Parsing checks the timestamp's shape only; its value is read on demand (<see cref="TryGetTimestamp"/>, for
/// <c>--since</c>): parsing every timestamp cost ~2 µs a line, a third of the time of a plain
/// <c>kubectl logs</c>.
/// </remarks>
/// <param name="RawTimestamp">The timestamp as written (RFC 3339 with nanoseconds), echoed by <c>--timestamps</c>.</param>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Partial">The entry does not end a line.</param>
/// <param name="Content">The output, without the newline that ends the entry.</param>
public readonly record struct CriLogLine(ReadOnlyMemory<byte> RawTimestamp, string Stream, bool Partial, ReadOnlyMemory<byte> Content)
{
    /// <summary>The timestamp as written.</summary>
    public string TimestampText => Encoding.ASCII.GetString(RawTimestamp.Span);

    /// <summary>When the runtime read the output; false if the timestamp is malformed.</summary>
    public bool TryGetTimestamp(out DateTimeOffset timestamp) => TryParseTimestamp(TimestampText, out timestamp);

    /// <summary>Parses one entry (without its terminating newline); false for anything malformed.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> line, out CriLogLine entry)
    {
        entry = default;
        var span = line.Span;
        var first = span.IndexOf((byte)' ');
        if (first <= 0)
        {
            return false;
        }

        var secondLength = span[(first + 1)..].IndexOf((byte)' ');
        if (secondLength <= 0)
        {
            return false;
        }

        var second = first + 1 + secondLength;
        var rest = span[(second + 1)..];
        var tagLength = rest.IndexOf((byte)' ');

        // "... stdout F" with empty content may come without the separating space.
        var tag = tagLength < 0 ? rest : rest[..tagLength];
        var contentStart = tagLength < 0 ? line.Length : second + 1 + tagLength + 1;
        var stream = span[(first + 1)..second];
        if (tag.IsEmpty || !(stream.SequenceEqual("stdout"u8) || stream.SequenceEqual("stderr"u8)))
        {
            return false;
        }

        // Tags are ':'-separated (CRI leaves room for more); the first says full or partial.
        var kind = tag.IndexOf((byte)':') is var colon and >= 0 ? tag[..colon] : tag;
        if (!(kind.SequenceEqual("F"u8) || kind.SequenceEqual("P"u8)))
        {
            return false;
        }

        // yyyy-mm-ddThh:mm:ss at least.
        var time = span[..first];
        if (time.Length < 20 || time[4] != '-' || time[7] != '-' || time[10] != 'T' || time[13] != ':' || time[16] != ':')
        {
            return false;
        }

        entry = new CriLogLine(line[..first], stream[3] == (byte)'o' ? "stdout" : "stderr", kind[0] == (byte)'P', line[contentStart..]);
        return true;
    }

    /// <summary>RFC 3339 with up to nine fractional digits (.NET parses seven: the rest is below its tick).</summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset timestamp)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out timestamp)
            && text.Contains('T', StringComparison.Ordinal);
    }
}
