using Ursa.Cri;

namespace Ursa.UnitTests.Cri;

public sealed class CriLogFormatTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 21, 8, 50, 1, TimeSpan.Zero);

    public static TheoryData<string, CriLogRecord> Records => new()
    {
        { "2026-11-21T08:50:01.123456789Z stdout F hello", new(Time.AddTicks(1_234_567), CriLogStream.Stdout, false, "hello") },
        { "2026-11-21T08:50:01.1Z stderr P first half", new(Time.AddTicks(1_000_000), CriLogStream.Stderr, true, "first half") },
        { "2026-11-21T08:50:01Z stdout F ", new(Time, CriLogStream.Stdout, false, "") },
        { "2026-11-21T08:50:01Z stdout F", new(Time, CriLogStream.Stdout, false, "") },
        { "2026-11-21T10:50:01.5+02:00 stdout F  two  spaces ", new(Time.AddTicks(5_000_000), CriLogStream.Stdout, false, " two  spaces ") },
        { "2026-11-21T08:50:01Z stdout F:x-future-tag a", new(Time, CriLogStream.Stdout, false, "a") },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void TryParse_CriLine_Record(string line, CriLogRecord expected)
    {
        Assert.True(CriLogFormat.TryParse(line, out CriLogRecord record));

        Assert.Equal(expected, record);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("yesterday stdout F hello")]
    [InlineData("2026-11-21T08:50:01Z stdin F hello")]
    [InlineData("2026-11-21T08:50:01Z stdout X hello")]
    [InlineData("2026-11-21T08:50:01Z stdout")]
    public void TryParse_NotACriLine_False(string line) => Assert.False(CriLogFormat.TryParse(line, out _));

    [Fact]
    public void Format_Record_ParsesBackToItself()
    {
        var record = new CriLogRecord(Time.AddTicks(1_234_567), CriLogStream.Stderr, true, "x y");

        string line = CriLogFormat.Format(record);

        Assert.Equal("2026-11-21T08:50:01.123456700Z stderr P x y", line);
        Assert.True(CriLogFormat.TryParse(line, out CriLogRecord parsed));
        Assert.Equal(record, parsed);
    }
}
