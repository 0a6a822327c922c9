using Ursa.ApiMachinery.Selectors;

namespace Ursa.UnitTests.ApiMachinery.Selectors;

public sealed class FieldSelectorTests
{
    private static readonly Dictionary<string, string> Pod = new()
    {
        ["metadata.name"] = "web-1",
        ["metadata.namespace"] = "default",
        ["spec.nodeName"] = "node-a",
        ["status.phase"] = "Running",
        ["odd"] = "a,b=c\\d",
    };

    private static string? Get(string field) => Pod.TryGetValue(field, out string? v) ? v : null;

    [Theory]
    [InlineData("", true)]
    [InlineData("metadata.name=web-1", true)]
    [InlineData("metadata.name==web-1", true)]
    [InlineData("metadata.name!=web-1", false)]
    [InlineData("metadata.name=web-2", false)]
    [InlineData("metadata.name=web-1,spec.nodeName=node-a", true)]
    [InlineData("metadata.name=web-1,spec.nodeName!=node-a", false)]
    [InlineData("spec.missing=", true)]
    [InlineData("spec.missing!=", false)]
    [InlineData("spec.missing!=x", true)]
    [InlineData("odd=a\\,b\\=c\\\\d", true)]
    [InlineData("metadata.name=web-1,,status.phase=Running", true)]
    public void Parse_Selector_MatchesLikeKubernetes(string selector, bool expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(Get));
    }

    [Theory]
    [InlineData("metadata.name", "can't understand 'metadata.name'")]
    [InlineData("a=b=c", "unescaped character in value: =")]
    [InlineData("a=b\\x", "invalid escape sequence: \\x")]
    [InlineData("a=b\\", "invalid escape sequence: \\")]
    public void Parse_Invalid_Throws(string selector, string expected)
    {
        var e = Assert.Throws<SelectorParseException>(() => FieldSelector.Parse(selector));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Terms_ExposesRequirementsForValidation()
    {
        var selector = FieldSelector.Parse("spec.nodeName=n1,status.phase!=Failed");

        Assert.Equal(
            [
                new FieldRequirement("spec.nodeName", FieldSelectorOperator.Equals, "n1"),
                new FieldRequirement("status.phase", FieldSelectorOperator.NotEquals, "Failed"),
            ],
            selector.Requirements);
        Assert.Equal(["spec.nodeName", "status.phase"], selector.Fields);
    }

    [Theory]
    [InlineData("metadata.name=x", "metadata.name", true, "x")]
    [InlineData("metadata.name==x,spec.nodeName=n", "spec.nodeName", true, "n")]
    [InlineData("metadata.name!=x", "metadata.name", false, "")]
    [InlineData("", "metadata.name", false, "")]
    public void TryGetExactMatch_Selector_PicksIndexableTerm(string selector, string field, bool expected, string expectedValue)
    {
        Assert.Equal(expected, FieldSelector.Parse(selector).TryGetExactMatch(field, out string value));
        Assert.Equal(expectedValue, value);
    }

    [Theory]
    [InlineData("a,b=c\\d", "a\\,b\\=c\\\\d")]
    [InlineData("plain", "plain")]
    public void EscapeValue_SpecialCharacters_RoundTrips(string raw, string escaped)
    {
        Assert.Equal(escaped, FieldSelector.EscapeValue(raw));
        Assert.Equal(raw, FieldSelector.UnescapeValue(escaped));
    }

    [Fact]
    public void ToString_Parsed_SortedAndEscaped()
    {
        Assert.Equal("a=x\\,y,b!=z", FieldSelector.Parse("b!=z,a=x\\,y").ToString());
    }
}
