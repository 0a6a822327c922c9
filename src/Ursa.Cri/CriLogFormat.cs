using System.Globalization;
using System.Text;

namespace Ursa.Cri;

/// <summary>
/// Pure: the CRI log file format (kubelet's <c>pkg/kubelet/kuberuntime/logs</c>), one record per line:
/// <c>&lt;RFC 3339 nano time&gt; &lt;stdout|stderr&gt; &lt;tags&gt; &lt;text&gt;</c>, tags <c>F</c> (full) or
/// <c>P</c> (partial), possibly followed by <c>:</c>-separated tags a later runtime may add.
/// </summary>
public static class CriLogFormat
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK";

    /// <summary>Parses one line (without its <c>\n</c>); false for a line that is not a CRI record.</summary>
    public static bool TryParse(string line, out CriLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(line);
        record = default;
        int timeEnd = line.IndexOf(' ', StringComparison.Ordinal);
        if (timeEnd <= 0 || !TryParseTime(line.AsSpan(0, timeEnd), out DateTimeOffset time))
        {
            return false;
        }

        int streamEnd = line.IndexOf(' ', timeEnd + 1);
        if (streamEnd < 0)
        {
            return false;
        }

        CriLogStream stream;
        switch (line.AsSpan(timeEnd + 1, streamEnd - timeEnd - 1))
        {
            case "stdout":
                stream = CriLogStream.Stdout;
                break;
            case "stderr":
                stream = CriLogStream.Stderr;
                break;
            default:
                return false;
        }

        // An empty line is written as "... stdout F " (nothing after the tag's space), but be lenient if the
        // space is missing too.
        int tagsEnd = line.IndexOf(' ', streamEnd + 1);
        ReadOnlySpan<char> tags = tagsEnd < 0 ? line.AsSpan(streamEnd + 1) : line.AsSpan(streamEnd + 1, tagsEnd - streamEnd - 1);
        int colon = tags.IndexOf(':');
        ReadOnlySpan<char> first = colon < 0 ? tags : tags[..colon];
        if (first is not ("F" or "P"))
        {
            return false;
        }

        string text = tagsEnd < 0 ? string.Empty : line[(tagsEnd + 1)..];
        record = new CriLogRecord(time, stream, first is "P", text);
        return true;
    }

    /// <summary>Formats a record as a runtime writes it (a fake runtime's logs, tests).</summary>
    public static string Format(CriLogRecord record)
    {
        var line = new StringBuilder(40 + record.Text.Length);
        line.Append(record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture));
        line.Append(record.Stream == CriLogStream.Stdout ? " stdout " : " stderr ");
        line.Append(record.Partial ? 'P' : 'F').Append(' ').Append(record.Text);
        return line.ToString();
    }

    private static bool TryParseTime(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        // RFC 3339 nano has up to 9 fraction digits; .NET parses 7 (100 ns): drop the rest before parsing.
        int dot = text.IndexOf('.');
        if (dot >= 0)
        {
            int digits = dot + 1;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                digits++;
            }

            if (digits - dot - 1 > 7)
            {
                text = string.Concat(text[..(dot + 8)], text[digits..]);
            }
        }

        return DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time)
            || DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
