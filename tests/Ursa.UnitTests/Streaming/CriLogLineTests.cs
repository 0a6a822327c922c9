using System.Text;
using Ursa.NodeAgent.Streaming;

namespace Ursa.UnitTests.Streaming;

public sealed class CriLogLineTests
{
    [Theory]
    [InlineData("2016-10-06T00:17:09.669794202Z stdout F text", "stdout", false, "text")]
    [InlineData("2016-10-06T00:17:09.669794202Z stderr P part ", "stderr", true, "part ")]
    [InlineData("2016-10-06T00:17:09Z stdout F with  two  spaces", "stdout", false, "with  two  spaces")]
    [InlineData("2016-10-06T00:17:09Z stdout F ", "stdout", false, "")]
    [InlineData("2016-10-06T00:17:09Z stdout F", "stdout", false, "")]
    [InlineData("2016-10-06T00:17:09Z stdout F:future-tag text", "stdout", false, "text")]
    [InlineData("2016-10-06T02:17:09.5+02:00 stdout F offset", "stdout", false, "offset")]
    public void TryParse_ValidEntries(string line, string stream, bool partial, string content)
    {
        Assert.True(CriLogLine.TryParse(Encoding.UTF8.GetBytes(line), out var entry));

        Assert.Equal(stream, entry.Stream);
        Assert.Equal(partial, entry.Partial);
        Assert.Equal(content, Encoding.UTF8.GetString(entry.Content.Span));
        Assert.Equal(line[..line.IndexOf(' ', StringComparison.Ordinal)], entry.TimestampText);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text from a non-CRI file")]
    [InlineData("2016-10-06T00:17:09Z stdin F text")]
    [InlineData("2016-10-06T00:17:09Z stdout X text")]
    [InlineData("not-a-time stdout F text")]
    [InlineData("2016-10-06 stdout F date only")]
    [InlineData("2016-10-06T00:17:09Z stdout")]
    public void TryParse_RejectsMalformedEntries(string line) =>
        Assert.False(CriLogLine.TryParse(Encoding.UTF8.GetBytes(line), out _));

    [Fact]
    public void TryParseTimestamp_KeepsSubMicrosecondPrecisionDownToTheTick()
    {
        Assert.True(CriLogLine.TryParseTimestamp("2016-10-06T00:17:09.669794202Z", out var t));

        Assert.Equal(new DateTimeOffset(2016, 10, 6, 0, 17, 9, TimeSpan.Zero).AddTicks(6697942), t);
    }

    [Fact]
    public void TryParseTimestamp_ConvertsOffsetsToUtc()
    {
        Assert.True(CriLogLine.TryParseTimestamp("2016-10-06T02:17:09+02:00", out var t));

        Assert.Equal(new DateTimeOffset(2016, 10, 6, 0, 17, 9, TimeSpan.Zero), t);
        Assert.Equal(TimeSpan.Zero, t.Offset);
    }
}
