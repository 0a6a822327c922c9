using System.Text.Json;
using Ursa.Api.Serialization;

namespace Ursa.UnitTests.Api;

/// <summary>Kubernetes Time in and out: the UTF-8 fast path and the general parse agree.</summary>
public sealed class TimeConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new TimeConverter() } };

    [Theory]
    [InlineData("\"2026-11-21T06:00:00Z\"", "2026-11-21T06:00:00.0000000+00:00")]
    [InlineData("\"2026-11-21T06:00:00.250Z\"", "2026-11-21T06:00:00.2500000+00:00")]
    [InlineData("\"2026-11-21T08:00:00+02:00\"", "2026-11-21T06:00:00.0000000+00:00")]
    [InlineData("\"2026-11-21T06:00:00\"", "2026-11-21T06:00:00.0000000+00:00")]
    [InlineData("\"2026-11-21T06:00:00\\u005A\"", "2026-11-21T06:00:00.0000000+00:00")]
    public void Read_AcceptedForms_AreTheSameInstantInUtc(string json, string expected)
    {
        var value = JsonSerializer.Deserialize<DateTimeOffset>(json, Options);
        Assert.Equal(expected, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"2026-13-01T00:00:00Z\"")]
    public void Read_NotATime_IsAJsonExceptionNamingTheValue(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json, Options));
        Assert.Contains("invalid time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_IsWholeSecondsInUtc()
    {
        var json = JsonSerializer.Serialize(new DateTimeOffset(2026, 11, 21, 8, 0, 0, 999, TimeSpan.FromHours(2)), Options);
        Assert.Equal("\"2026-11-21T06:00:00Z\"", json);
    }
}
