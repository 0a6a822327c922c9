using Ursa.ApiMachinery.Quantities;

namespace Ursa.UnitTests.ApiMachinery.Quantities;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("0", "0", 0L, 0L)]
    [InlineData("100m", "100m", 1L, 100L)]
    [InlineData("0.5", "500m", 1L, 500L)]
    [InlineData(".5", "500m", 1L, 500L)]
    [InlineData("1", "1", 1L, 1000L)]
    [InlineData("1000m", "1", 1L, 1000L)]
    [InlineData("1500m", "1500m", 2L, 1500L)]
    [InlineData("128Mi", "128Mi", 134217728L, 134217728000L)]
    [InlineData("1536Mi", "1536Mi", 1610612736L, 1610612736000L)]
    [InlineData("1.5Gi", "1536Mi", 1610612736L, 1610612736000L)]
    [InlineData("1Gi", "1Gi", 1073741824L, 1073741824000L)]
    [InlineData("1024Ki", "1Mi", 1048576L, 1048576000L)]
    [InlineData("1Ki", "1Ki", 1024L, 1024000L)]
    [InlineData("0.5Ki", "512", 512L, 512000L)]
    [InlineData("1.5Ki", "1536", 1536L, 1536000L)]
    [InlineData("2k", "2k", 2000L, 2000000L)]
    [InlineData("2000", "2k", 2000L, 2000000L)]
    [InlineData("1500", "1500", 1500L, 1500000L)]
    [InlineData("1.5G", "1500M", 1500000000L, 1500000000000L)]
    [InlineData("1e3", "1e3", 1000L, 1000000L)]
    [InlineData("1E3", "1e3", 1000L, 1000000L)]
    [InlineData("1.5e3", "1500", 1500L, 1500000L)]
    [InlineData("12e-1", "1200e-3", 2L, 1200L)]
    [InlineData("1E", "1E", 1000000000000000000L, long.MaxValue)]
    [InlineData("5n", "5n", 1L, 1L)]
    [InlineData("1u", "1u", 1L, 1L)]
    [InlineData("0.0000000001", "1n", 1L, 1L)]
    [InlineData("-100m", "-100m", -1L, -100L)]
    [InlineData("+3", "3", 3L, 3000L)]
    [InlineData("007", "7", 7L, 7000L)]
    [InlineData("1.", "1", 1L, 1000L)]
    [InlineData("0Mi", "0", 0L, 0L)]
    [InlineData("10T", "10T", 10000000000000L, 10000000000000000L)]
    [InlineData("3P", "3P", 3000000000000000L, 3000000000000000000L)]
    [InlineData("1Ei", "1Ei", 1152921504606846976L, long.MaxValue)]
    public void Parse_Valid_CanonicalFormAndValues(string text, string canonical, long value, long milli)
    {
        Quantity q = Quantity.Parse(text);

        Assert.Equal(canonical, q.ToString());
        Assert.Equal(value, q.Value);
        Assert.Equal(milli, q.MilliValue);
    }

    [Theory]
    [InlineData("", Quantity.FormatError)]
    [InlineData("abc", Quantity.FormatError)]
    [InlineData(" 1", Quantity.FormatError)]
    [InlineData("1 ", Quantity.FormatError)]
    [InlineData("1.1.M", Quantity.FormatError)]
    [InlineData("1+1.0M", Quantity.FormatError)]
    [InlineData("-", Quantity.FormatError)]
    [InlineData("1Mi5x", Quantity.FormatError)]
    [InlineData("1K", Quantity.SuffixError)]
    [InlineData("1mi", Quantity.SuffixError)]
    [InlineData("0.1am", Quantity.FormatError)]
    [InlineData("1i", Quantity.SuffixError)]
    [InlineData("1e", Quantity.SuffixError)]
    [InlineData("1Mi5", Quantity.SuffixError)]
    [InlineData("1e99999999999", Quantity.SuffixError)]
    public void Parse_Garbage_ThrowsKubernetesMessage(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => Quantity.Parse(text));
        Assert.Equal(expected, e.Message);
        Assert.False(Quantity.TryParse(text, out _));
    }

    [Theory]
    [InlineData("1e100")]
    [InlineData("99999999999999999999999")]
    [InlineData("100Ei")]
    public void Parse_Huge_CapsAtMaxInt64Units(string text)
    {
        Assert.Equal(long.MaxValue, Quantity.Parse(text).Value);
    }

    [Theory]
    [InlineData("1", "1000m", 0)]
    [InlineData("1Gi", "1073741824", 0)]
    [InlineData("1G", "1Gi", -1)]
    [InlineData("100m", "0.1", 0)]
    [InlineData("-1", "0", -1)]
    [InlineData("2", "1999m", 1)]
    public void CompareTo_Values_IgnoresFormat(string left, string right, int expected)
    {
        Quantity a = Quantity.Parse(left);
        Quantity b = Quantity.Parse(right);

        Assert.Equal(expected, Math.Sign(a.CompareTo(b)));
        Assert.Equal(expected == 0, a == b);
        Assert.Equal(expected < 0, a < b);
    }

    [Theory]
    [InlineData("100m", "400m", "500m")]
    [InlineData("1Gi", "512Mi", "1536Mi")]
    [InlineData("0", "1Gi", "1Gi")]
    [InlineData("1", "1Gi", "1073741825")]
    [InlineData("1.5", "500m", "2")]
    public void Add_Quantities_KeepsLeftFormat(string left, string right, string expected)
    {
        Assert.Equal(expected, (Quantity.Parse(left) + Quantity.Parse(right)).ToString());
    }

    [Theory]
    [InlineData("1", "400m", "600m")]
    [InlineData("1Gi", "1Gi", "0")]
    [InlineData("100m", "1", "-900m")]
    [InlineData("2Gi", "512Mi", "1536Mi")]
    public void Subtract_Quantities_CanonicalResult(string left, string right, string expected)
    {
        Assert.Equal(expected, (Quantity.Parse(left) - Quantity.Parse(right)).ToString());
    }

    [Fact]
    public void FromMilliAndValue_Construct_PrintCanonical()
    {
        Assert.Equal("250m", Quantity.FromMilli(250).ToString());
        Assert.Equal("4Gi", Quantity.FromValue(4L << 30, QuantityFormat.BinarySI).ToString());
        Assert.Equal("0", Quantity.Zero.ToString());
        Assert.True(default(Quantity).IsZero);
    }

    [Fact]
    public void Add_BeyondParseCap_StaysExact()
    {
        Quantity max = Quantity.Parse("9E");

        Quantity sum = max + max;

        Assert.Equal("18E", sum.ToString());
        Assert.Equal(long.MaxValue, sum.Value);
    }
}
