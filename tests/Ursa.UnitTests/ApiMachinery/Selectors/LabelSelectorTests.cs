using System.Text.Json.Nodes;
using Ursa.ApiMachinery.Selectors;

namespace Ursa.UnitTests.ApiMachinery.Selectors;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "frontend", ["replicas"] = "3" };

    public static TheoryData<string, bool> MatchCases => new()
    {
        { "", true },
        { "   ", true },
        { "app=web", true },
        { "app==web", true },
        { "app = web", true },
        { "app=db", false },
        { "app!=db", true },
        { "app!=web", false },
        { "missing!=x", true },
        { "app in (web,db)", true },
        { "app in (db)", false },
        { "app notin (db)", true },
        { "app notin (web, db)", false },
        { "missing notin (x)", true },
        { "missing in (x)", false },
        { "app", true },
        { "missing", false },
        { "!missing", true },
        { "!app", false },
        { "app=web,tier=frontend", true },
        { "app=web,tier=backend", false },
        { " app = web , !missing , tier in ( frontend ) ", true },
        { "replicas>2", true },
        { "replicas>3", false },
        { "replicas<4", true },
        { "app>1", false },
        { "missing=", false },
        { "app in (web,)", true },
    };

    [Theory]
    [MemberData(nameof(MatchCases))]
    public void Parse_Selector_MatchesLikeKubernetes(string selector, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Web));
    }

    [Fact]
    public void Parse_SetBasedNotIn_MatchesOnlyOthers()
    {
        var selector = LabelSelector.Parse("env notin (prod,staging)");

        Assert.True(selector.Matches(new Dictionary<string, string> { ["env"] = "dev" }));
        Assert.True(selector.Matches(new Dictionary<string, string>()));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["env"] = "prod" }));
    }

    [Fact]
    public void Parse_EmptyValue_MatchesEmptyLabel()
    {
        var selector = LabelSelector.Parse("a=");

        Assert.True(selector.Matches(new Dictionary<string, string> { ["a"] = "" }));
        Assert.False(selector.Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void Matches_NullLabels_TreatedAsEmpty()
    {
        Assert.True(LabelSelector.Parse("!a").Matches(null));
        Assert.False(LabelSelector.Parse("a").Matches(null));
        Assert.True(LabelSelector.Empty.Matches(null));
    }

    public static TheoryData<string, string> ErrorCases => new()
    {
        { "a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, >, <" },
        { "a=b c", "found 'c', expected: ',' or 'end of string'" },
        { "a=b,", "found '', expected: identifier after ','" },
        { ",a", "found ',', expected: !, identifier, or 'end of string'" },
        { "a in b", "unable to parse requirement: found 'b' expected: '('" },
        { "a in (b", "unable to parse requirement: found '', expected: ',' or ')'" },
        { "a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'" },
        { "a=(b)", "unable to parse requirement: found '(', expected: identifier" },
        { "!a=b", "found '=', expected: ',' or 'end of string'" },
        { "-a=b", "unable to parse requirement: Invalid value: \"-a\": name part must consist of" },
        { "a/b/c=d", "a qualified name must consist of" },
        { "Example.com/a=b", "prefix part a lowercase RFC 1123 subdomain" },
        { "/a=b", "prefix part must be non-empty" },
        { "a=-b", "values[0][a]: Invalid value: \"-b\": a valid label must be an empty string" },
        { "a>b", "for 'Gt', 'Lt' operators, the value must be an integer" },
        { "a=b=c", "found '=', expected: ',' or 'end of string'" },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Parse_Invalid_ThrowsWithKubernetesMessage(string selector, string expectedMessagePart)
    {
        var e = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(selector));
        Assert.Contains(expectedMessagePart, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyTooLong_Throws()
    {
        string key = new('a', 64);

        var e = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(key + "=b"));
        Assert.Contains("name part must be no more than 63 characters", e.Message, StringComparison.Ordinal);
        Assert.True(LabelSelector.Parse(new string('a', 63) + "=b").Requirements.Count == 1);
    }

    [Fact]
    public void Parse_ValueTooLong_Throws()
    {
        var e = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse("a=" + new string('b', 64)));
        Assert.Contains("must be no more than 63 characters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PrefixedKey_Accepted()
    {
        var selector = LabelSelector.Parse("app.kubernetes.io/name=nginx");

        Assert.True(selector.Matches(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "nginx" }));
    }

    [Fact]
    public void Parse_KeywordAsKey_TreatedAsIdentifier()
    {
        Assert.True(LabelSelector.Parse("in=notin").Matches(new Dictionary<string, string> { ["in"] = "notin" }));
    }

    [Theory]
    [InlineData("b=2,a", "a,b=2")]
    [InlineData("x in (c,a,b)", "x in (a,b,c)")]
    [InlineData("!x,y notin (1)", "!x,y notin (1)")]
    [InlineData("a==b,c!=d", "a==b,c!=d")]
    [InlineData("", "")]
    public void ToString_Parsed_CanonicalSortedForm(string selector, string expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).ToString());
    }

    [Fact]
    public void TryParse_Invalid_ReturnsMessage()
    {
        Assert.False(LabelSelector.TryParse("a b", out _, out string? error));
        Assert.StartsWith("unable to parse requirement:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromMatch_LabelsAndExpressions_AreAnded()
    {
        var selector = LabelSelector.FromMatch(
            new Dictionary<string, string> { ["app"] = "web" },
            [
                new LabelSelectorExpression("tier", "In", ["frontend", "edge"]),
                new LabelSelectorExpression("canary", "DoesNotExist"),
            ]);

        Assert.True(selector.Matches(Web));
        Assert.False(selector.Matches(new Dictionary<string, string>(Web) { ["canary"] = "true" }));
        Assert.Equal("app=web,!canary,tier in (edge,frontend)", selector.ToString());
    }

    [Fact]
    public void FromMatch_Empty_MatchesEverything()
    {
        Assert.True(LabelSelector.FromMatch(null, null).IsEmpty);
    }

    [Theory]
    [InlineData("Bogus", null, "\"Bogus\" is not a valid label selector operator")]
    [InlineData("In", null, "values set can't be empty")]
    [InlineData("Exists", "x", "values set must be empty")]
    public void FromMatch_InvalidExpression_Throws(string op, string? value, string expected)
    {
        var e = Assert.Throws<SelectorParseException>(() => LabelSelector.FromMatch(
            null, [new LabelSelectorExpression("a", op, value is null ? null : [value])]));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_NullSelector_MatchesNothing()
    {
        Assert.False(LabelSelector.FromJson(null).Matches(Web));
        Assert.True(LabelSelector.FromJson(new JsonObject()).Matches(Web));
    }

    [Fact]
    public void FromJson_StructuredSelector_Matches()
    {
        JsonNode json = JsonNode.Parse("""
            {"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"NotIn","values":["db"]}]}
            """)!;

        var selector = LabelSelector.FromJson(json);

        Assert.True(selector.Matches(Web));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "db" }));
    }

    [Theory]
    [InlineData("app=web", true, "web")]
    [InlineData("app in (web)", true, "web")]
    [InlineData("app in (web,db)", false, "")]
    [InlineData("app!=web", false, "")]
    public void TryGetExactMatch_Selector_ReportsPinnedValue(string selector, bool expected, string expectedValue)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).TryGetExactMatch("app", out string value));
        Assert.Equal(expectedValue, value);
    }
}
