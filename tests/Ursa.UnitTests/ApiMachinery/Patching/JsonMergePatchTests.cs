using System.Text.Json.Nodes;
using Ursa.ApiMachinery.Patching;

using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.ApiMachinery.Patching;

public sealed class JsonMergePatchTests
{
    // The examples of RFC 7386 appendix A, plus the kubectl label/annotate shapes.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    [InlineData(
        """{"metadata":{"name":"p","labels":{"app":"web","old":"x"}}}""",
        """{"metadata":{"labels":{"tier":"fe","old":null}}}""",
        """{"metadata":{"name":"p","labels":{"app":"web","tier":"fe"}}}""")]
    [InlineData(
        """{"metadata":{"name":"p"}}""",
        """{"metadata":{"annotations":{"note":"hi"}}}""",
        """{"metadata":{"name":"p","annotations":{"note":"hi"}}}""")]
    public void Apply_Rfc7386Examples_ProduceExpected(string target, string patch, string expected)
    {
        JsonAssert.Equal(expected, JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch)));
    }

    [Fact]
    public void Apply_Inputs_AreNotModified()
    {
        JsonNode target = JsonNode.Parse("""{"a":{"b":1},"c":[1]}""")!;
        JsonNode patch = JsonNode.Parse("""{"a":{"b":null,"d":2},"c":[2]}""")!;

        JsonNode? result = JsonMergePatch.Apply(target, patch);
        result!["a"]!["x"] = 9;

        JsonAssert.Equal("""{"a":{"b":1},"c":[1]}""", target);
        JsonAssert.Equal("""{"a":{"b":null,"d":2},"c":[2]}""", patch);
    }
}
