using System.Text.Json.Nodes;
using Ursa.ApiMachinery.Patching;

using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.ApiMachinery.Patching;

public sealed class JsonPatchTests
{
    [Theory]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b","value":2}]""", """{"a":1,"b":2}""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/a","value":2}]""", """{"a":2}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/1","value":9}]""", """{"a":[1,9,2]}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/2","value":9}]""", """{"a":[1,2,9]}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/-","value":9}]""", """{"a":[1,2,9]}""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"","value":[1]}]""", """[1]""")]
    [InlineData("""{"a":1,"b":2}""", """[{"op":"remove","path":"/a"}]""", """{"b":2}""")]
    [InlineData("""{"a":[1,2,3]}""", """[{"op":"remove","path":"/a/1"}]""", """{"a":[1,3]}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"/a","value":{"x":null}}]""", """{"a":{"x":null}}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"replace","path":"/a/0","value":5}]""", """{"a":[5,2]}""")]
    [InlineData("""{"a":{"b":1},"c":{}}""", """[{"op":"move","from":"/a/b","path":"/c/d"}]""", """{"a":{},"c":{"d":1}}""")]
    [InlineData("""{"a":[1,2,3]}""", """[{"op":"move","from":"/a/0","path":"/a/-"}]""", """{"a":[2,3,1]}""")]
    [InlineData("""{"a":{"b":[1]}}""", """[{"op":"copy","from":"/a/b","path":"/c"}]""", """{"a":{"b":[1]},"c":[1]}""")]
    [InlineData("""{"a":"x"}""", """[{"op":"test","path":"/a","value":"x"},{"op":"add","path":"/b","value":1}]""", """{"a":"x","b":1}""")]
    [InlineData("""{"a/b":1,"m~n":2}""", """[{"op":"replace","path":"/a~1b","value":3},{"op":"remove","path":"/m~0n"}]""", """{"a/b":3}""")]
    [InlineData(
        """{"metadata":{"labels":{"app":"web"}}}""",
        """[{"op":"add","path":"/metadata/labels/app.kubernetes.io~1name","value":"n"}]""",
        """{"metadata":{"labels":{"app":"web","app.kubernetes.io/name":"n"}}}""")]
    [InlineData("""{"a":1}""", """[]""", """{"a":1}""")]
    public void Apply_Operations_ProduceExpected(string document, string patch, string expected)
    {
        JsonAssert.Equal(expected, JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)));
    }

    [Theory]
    [InlineData("""[{"op":"bogus","path":"/a"}]""", "Unexpected kind: bogus")]
    [InlineData("""[{"path":"/a"}]""", "operation missing \"op\"")]
    [InlineData("""[{"op":"add","value":1}]""", "add operation missing \"path\"")]
    [InlineData("""[{"op":"add","path":"/a"}]""", "add operation missing \"value\"")]
    [InlineData("""[{"op":"add","path":"/x/y","value":1}]""", "add operation does not apply: doc is missing path: \"/x/y\"")]
    [InlineData("""[{"op":"add","path":"/l/5","value":1}]""", "index out of bounds")]
    [InlineData("""[{"op":"add","path":"/l/01","value":1}]""", "index out of bounds")]
    [InlineData("""[{"op":"remove","path":"/missing"}]""", "remove operation does not apply: doc is missing path: \"/missing\"")]
    [InlineData("""[{"op":"remove","path":"/l/2"}]""", "remove operation does not apply")]
    [InlineData("""[{"op":"replace","path":"/missing","value":1}]""", "replace operation does not apply: doc is missing key: /missing")]
    [InlineData("""[{"op":"move","from":"/missing","path":"/b"}]""", "move operation does not apply: doc is missing from path: /missing")]
    [InlineData("""[{"op":"move","from":"/o","path":"/o/x"}]""", "is an ancestor of")]
    [InlineData("""[{"op":"copy","from":"/missing","path":"/b"}]""", "copy operation does not apply: doc is missing from path: /missing")]
    [InlineData("""[{"op":"test","path":"/a","value":2}]""", "testing value /a failed: test failed")]
    [InlineData("""[{"op":"test","path":"/zz","value":2}]""", "test operation does not apply")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""", "invalid JSON pointer")]
    [InlineData("""[{"op":"add","path":"/a~2","value":1}]""", "invalid JSON pointer")]
    [InlineData("""{"op":"add"}""", "must be a JSON array")]
    public void Apply_BadPatch_ThrowsPatchException(string patch, string expected)
    {
        JsonNode document = JsonNode.Parse("""{"a":1,"l":[1,2],"o":{}}""")!;

        var e = Assert.Throws<PatchException>(() => JsonPatch.Apply(document, JsonNode.Parse(patch)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_FailingLaterOperation_LeavesInputUntouched()
    {
        JsonNode document = JsonNode.Parse("""{"a":1}""")!;
        JsonNode patch = JsonNode.Parse("""[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":3}]""")!;

        Assert.Throws<PatchException>(() => JsonPatch.Apply(document, patch));
        JsonAssert.Equal("""{"a":1}""", document);
    }
}
