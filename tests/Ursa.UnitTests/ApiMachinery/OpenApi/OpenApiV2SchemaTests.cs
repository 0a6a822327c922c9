using System.Text.Json.Nodes;
using Ursa.ApiMachinery.OpenApi;

namespace Ursa.UnitTests.ApiMachinery.OpenApi;

/// <summary>Each schema shape kubectl reads survives Swagger JSON -> gnostic protobuf -> Swagger JSON.</summary>
public sealed class OpenApiV2SchemaTests
{
    [Theory]
    [InlineData("primitive", """{"type":"string","format":"date-time","description":"When it happened."}""")]
    [InlineData("bounded integer", """{"type":"integer","format":"int32","minimum":-1,"maximum":65535.5,"default":30}""")]
    [InlineData("string limits", """{"type":"string","minLength":1,"maxLength":253,"pattern":"^[a-z]+$"}""")]
    [InlineData("array", """{"type":"array","items":{"type":"string"},"minItems":1,"uniqueItems":true}""")]
    [InlineData("tuple items", """{"type":"array","items":[{"type":"string"},{"type":"integer"}]}""")]
    [InlineData("map", """{"type":"object","additionalProperties":{"type":"string"}}""")]
    [InlineData("map of refs", """{"type":"object","additionalProperties":{"$ref":"#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity"}}""")]
    [InlineData("closed object", """{"type":"object","additionalProperties":false}""")]
    [InlineData("open object", """{"type":"object","additionalProperties":true}""")]
    [InlineData("ref", """{"$ref":"#/definitions/io.k8s.api.core.v1.PodSpec","description":"Spec of the pod."}""")]
    [InlineData("int-or-string", """{"type":"string","format":"int-or-string","x-kubernetes-int-or-string":true}""")]
    [InlineData("preserve unknown fields", """{"type":"object","x-kubernetes-preserve-unknown-fields":true}""")]
    [InlineData("patch merge key", """{"type":"array","items":{"$ref":"#/definitions/C"},"x-kubernetes-patch-merge-key":"name","x-kubernetes-patch-strategy":"merge","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"]}""")]
    [InlineData("enum", """{"type":"string","enum":["Always","OnFailure","Never"]}""")]
    [InlineData("enum of mixed values", """{"enum":[1,"two",null,true,{"a":[]}]}""")]
    [InlineData("kind", """{"type":"object","required":["containers"],"properties":{"containers":{"type":"array","items":{"$ref":"#/definitions/C"}},"x-not-an-extension":{"type":"string"}},"x-kubernetes-group-version-kind":[{"group":"","kind":"Pod","version":"v1"}]}""")]
    [InlineData("empty properties", """{"properties":{}}""")]
    [InlineData("multiple types", """{"type":["string","null"]}""")]
    [InlineData("all of", """{"allOf":[{"$ref":"#/definitions/A"},{"type":"object","readOnly":true}],"title":"Both","example":{"a":1}}""")]
    [InlineData("unicode", """{"description":"Größe – “quoted” \\ and \"escaped\"","x-note":"naïve ✓ \u0001"}""")]
    [InlineData("arbitrary", """{}""")]
    public void Encode_SchemaShape_DecodesToTheSameSwagger(string shape, string schemaJson)
    {
        var schema = JsonNode.Parse(schemaJson)!.AsObject();

        var decoded = GnosticSchemaDecoder.Decode(EncodeDefinition(schema));

        Assert.True(JsonNode.DeepEquals(schema, decoded), $"{shape}: expected {schema.ToJsonString()}, got {decoded.ToJsonString()}");
    }

    [Theory]
    [InlineData("""{"type":"object"}""", false)]
    [InlineData("""{"type":"object","properties":{}}""", true)]
    public void Encode_EmptyProperties_IsPresentSoReadersSeeAKindNotAMap(string schemaJson, bool hasProperties)
    {
        var schema = EncodeDefinition(JsonNode.Parse(schemaJson)!.AsObject());

        Assert.Equal(hasProperties, schema.Has(25));
    }

    [Fact]
    public void Encode_AdditionalPropertiesFalse_WritesTheOneofBooleanExplicitly()
    {
        var schema = EncodeDefinition(new JsonObject { ["additionalProperties"] = false });

        var item = schema.Message(21);
        Assert.True(item.Has(2));
        Assert.Equal(0UL, item.Varint(2));
    }

    [Fact]
    public void Encode_WrongJsonTypes_AreSkipped()
    {
        var schema = EncodeDefinition(JsonNode.Parse("""{"maxLength":"ten","items":"no","properties":[],"description":{"a":1}}""")!.AsObject());

        Assert.DoesNotContain(schema.FieldNumbers, n => n is 4 or 11 or 23 or 25);
    }

    private static ProtoMessage EncodeDefinition(JsonObject schema)
    {
        var swagger = new JsonObject { ["definitions"] = new JsonObject { ["T"] = schema.DeepClone() } };
        var definition = Assert.Single(ProtoMessage.Parse(OpenApiV2Protobuf.Encode(swagger)).Message(9).Named(1));
        Assert.Equal("T", definition.Name);
        return definition.Value;
    }
}
