using System.Text.Json.Nodes;
using Ursa.ApiMachinery.OpenApi;

namespace Ursa.UnitTests.ApiMachinery.OpenApi;

public sealed class OpenApiV2ProtobufTests
{
    private const string PodsPath = "/api/v1/namespaces/{namespace}/pods/{name}";

    [Fact]
    public void Encode_SmallDocument_MatchesHandEncodedBytes()
    {
        var swagger = JsonNode.Parse("""{"swagger":"2.0","definitions":{"A":{"type":"string"}}}""")!.AsObject();

        byte[] expected =
        [
            0x0A, 0x03, .. "2.0"u8, // Document.swagger = 1
            0x4A, 0x12, // Document.definitions = 9 (18 bytes)
            0x0A, 0x10, // Definitions.additional_properties = 1: NamedSchema (16 bytes)
            0x0A, 0x01, (byte)'A', // NamedSchema.name = 1
            0x12, 0x0B, // NamedSchema.value = 2: Schema (11 bytes)
            0xB2, 0x01, 0x08, // Schema.type = 22 (two-byte key), TypeItem (8 bytes)
            0x0A, 0x06, .. "string"u8, // TypeItem.value = 1
        ];
        Assert.Equal(expected, OpenApiV2Protobuf.Encode(swagger));
    }

    [Fact]
    public void Encode_Info_WritesTitleAndVersion()
    {
        var document = Decode(Swagger());

        Assert.Equal("2.0", document.String(1));
        Assert.Equal("Ursa", document.Message(2).String(1));
        Assert.Equal("v1.27.0", document.Message(2).String(2));
    }

    [Fact]
    public void Encode_Definitions_KeepNamesInOrderWithGroupVersionKindYaml()
    {
        var definitions = Decode(Swagger()).Message(9).Named(1);

        Assert.Equal(["io.k8s.api.core.v1.Pod", "io.k8s.api.core.v1.PodSpec"], definitions.Select(d => d.Name));
        var pod = definitions[0].Value;
        Assert.Equal(["apiVersion", "kind", "spec"], pod.Message(25).Named(1).Select(p => p.Name));
        Assert.Equal("#/definitions/io.k8s.api.core.v1.PodSpec", pod.Message(25).Named(1)[2].Value.String(1));
        var extension = Assert.Single(pod.Named(31));
        Assert.Equal("x-kubernetes-group-version-kind", extension.Name);
        Assert.Equal("""[{"group":"","kind":"Pod","version":"v1"}]""", extension.Value.String(2));
    }

    [Fact]
    public void Encode_Paths_WritesPathItemsWithOperationsByVerb()
    {
        var paths = Decode(Swagger()).Message(8);

        var (name, pathItem) = Assert.Single(paths.Named(2));
        Assert.Equal(PodsPath, name);
        Assert.Equal("readCoreV1NamespacedPod", pathItem.Message(2).String(5)); // get
        Assert.Equal("patchCoreV1NamespacedPod", pathItem.Message(8).String(5)); // patch
        Assert.False(pathItem.Has(3)); // no put
        Assert.Equal("""[{"x":1}]""", Assert.Single(paths.Named(1)).Value.String(2)); // Paths.vendor_extension = 1
    }

    [Fact]
    public void Encode_OperationExtensions_CarryGroupVersionKindAndAction()
    {
        var patch = Decode(Swagger()).Message(8).Named(2)[0].Value.Message(8);

        var extensions = patch.Named(13).ToDictionary(e => e.Name, e => e.Value.String(2));
        Assert.Equal("""{"group":"","kind":"Pod","version":"v1"}""", extensions["x-kubernetes-group-version-kind"]);
        Assert.Equal("\"patch\"", extensions["x-kubernetes-action"]);
        Assert.Equal(["application/json-patch+json", "application/merge-patch+json"], patch.Strings(7));
    }

    [Fact]
    public void Encode_QueryParameter_IsANonBodyQuerySubSchemaFoundByName()
    {
        var patch = Decode(Swagger()).Message(8).Named(2)[0].Value.Message(8);

        // ParametersItem.parameter = 1 -> Parameter.non_body_parameter = 2 -> query_parameter_sub_schema = 3.
        var query = patch.Messages(8)[0].Message(1).Message(2).Message(3);
        Assert.Equal("fieldValidation", query.String(4));
        Assert.Equal("query", query.String(2));
        Assert.Equal("string", query.String(6));
        Assert.Equal(1UL, query.Varint(20)); // uniqueItems
    }

    [Theory]
    [InlineData(1, 1, 0)] // body: Parameter.body_parameter = 1
    [InlineData(2, 2, 4)] // path: non_body_parameter = 2 -> path_parameter_sub_schema = 4
    [InlineData(3, 2, 1)] // header: -> header_parameter_sub_schema = 1
    public void Encode_ParameterLocation_ChoosesTheOneofMember(int index, int parameterMember, int subSchemaMember)
    {
        var patch = Decode(Swagger()).Message(8).Named(2)[0].Value.Message(8);

        var parameter = patch.Messages(8)[index].Message(1);
        Assert.Equal([parameterMember], parameter.FieldNumbers);
        if (parameterMember == 1)
        {
            Assert.Equal("body", parameter.Message(1).String(2));
            Assert.Equal("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch", parameter.Message(1).Message(5).String(1));
        }
        else
        {
            var sub = parameter.Message(2);
            Assert.Equal([subSchemaMember], sub.FieldNumbers);
            Assert.Equal(1UL, sub.Message(subSchemaMember).Varint(1)); // required
        }
    }

    [Fact]
    public void Encode_ReferencedParameter_IsAJsonReference()
    {
        var pathItem = Decode(Swagger()).Message(8).Named(2)[0].Value;

        var item = Assert.Single(pathItem.Messages(9)); // PathItem.parameters = 9
        Assert.Equal("#/parameters/pretty", item.Message(2).String(1)); // ParametersItem.json_reference = 2
    }

    [Fact]
    public void Encode_Responses_AreNamedByStatusCode()
    {
        var responses = Decode(Swagger()).Message(8).Named(2)[0].Value.Message(2).Message(9).Named(1);

        Assert.Equal(["200", "401"], responses.Select(r => r.Name));
        var ok = responses[0].Value.Message(1); // ResponseValue.response = 1
        Assert.Equal("OK", ok.String(1));
        Assert.Equal("#/definitions/io.k8s.api.core.v1.Pod", ok.Message(2).Message(1).String(1)); // SchemaItem.schema = 1
        Assert.Equal("#/responses/unauthorized", responses[1].Value.Message(2).String(1)); // json_reference = 2
    }

    [Fact]
    public void Encode_SecurityDefinitions_ChooseApiKey()
    {
        var document = Decode(Swagger());

        var (name, item) = Assert.Single(document.Message(13).Named(1));
        Assert.Equal("BearerToken", name);
        Assert.Equal("authorization", item.Message(2).String(2)); // api_key_security = 2, name = 2
        var requirement = Assert.Single(Assert.Single(document.Messages(12)).Named(1));
        Assert.Equal("BearerToken", requirement.Name);
        Assert.Empty(requirement.Value.Strings(1));
    }

    [Fact]
    public void Encode_ArrayQueryParameter_NestsPrimitivesItems()
    {
        var swagger = JsonNode.Parse("""
            {"paths":{"/p":{"get":{"parameters":[
              {"name":"labels","in":"query","type":"array","collectionFormat":"multi","items":{"type":"string","enum":["a","b"]}}
            ]}}}}
            """)!.AsObject();

        var query = Decode(swagger).Message(8).Named(2)[0].Value.Message(2).Messages(8)[0].Message(1).Message(2).Message(3);

        Assert.Equal("array", query.String(6));
        Assert.Equal("multi", query.String(9)); // collection_format
        var items = query.Message(8); // PrimitivesItems
        Assert.Equal("string", items.String(1));
        Assert.Equal(["\"a\"", "\"b\""], items.Messages(16).Select(a => a.String(2)));
    }

    [Fact]
    public void Encode_SameDocumentTwice_GivesTheSameBytes() =>
        Assert.Equal(OpenApiV2Protobuf.Encode(Swagger()), OpenApiV2Protobuf.Encode(Swagger()));

    [Fact]
    public void ContentType_IsAValidMediaTypeForGoClients()
    {
        // Go's mime.ParseMediaType rejects '@' in a subtype: kubectl 1.27 fails on the Accept form as a Content-Type.
        Assert.DoesNotContain('@', OpenApiV2Protobuf.ContentType);
        Assert.Equal(OpenApiV2Protobuf.ContentType, OpenApiV2Protobuf.AcceptMediaType.Replace('@', '.'));
    }

    [Fact]
    public void Encode_NullDocument_Throws() => Assert.Throws<ArgumentNullException>(() => OpenApiV2Protobuf.Encode(null!));

    private static ProtoMessage Decode(JsonObject swagger) => ProtoMessage.Parse(OpenApiV2Protobuf.Encode(swagger));

    private static JsonObject Swagger() => JsonNode.Parse($$$"""
        {
          "swagger": "2.0",
          "info": {"title": "Ursa", "version": "v1.27.0"},
          "paths": {
            "{{{PodsPath}}}": {
              "get": {
                "operationId": "readCoreV1NamespacedPod",
                "responses": {
                  "200": {"description": "OK", "schema": {"$ref": "#/definitions/io.k8s.api.core.v1.Pod"}},
                  "401": {"$ref": "#/responses/unauthorized"}
                }
              },
              "patch": {
                "operationId": "patchCoreV1NamespacedPod",
                "consumes": ["application/json-patch+json", "application/merge-patch+json"],
                "parameters": [
                  {"name": "fieldValidation", "in": "query", "type": "string", "uniqueItems": true},
                  {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"}},
                  {"name": "name", "in": "path", "required": true, "type": "string"},
                  {"name": "X-Trace", "in": "header", "required": true, "type": "string"}
                ],
                "responses": {"200": {"description": "OK"}},
                "x-kubernetes-action": "patch",
                "x-kubernetes-group-version-kind": {"group": "", "kind": "Pod", "version": "v1"}
              },
              "parameters": [{"$ref": "#/parameters/pretty"}]
            },
            "x-paths-extension": [{"x": 1}]
          },
          "definitions": {
            "io.k8s.api.core.v1.Pod": {
              "type": "object",
              "properties": {
                "apiVersion": {"type": "string"},
                "kind": {"type": "string"},
                "spec": {"$ref": "#/definitions/io.k8s.api.core.v1.PodSpec"}
              },
              "x-kubernetes-group-version-kind": [{"group": "", "kind": "Pod", "version": "v1"}]
            },
            "io.k8s.api.core.v1.PodSpec": {"type": "object"}
          },
          "securityDefinitions": {"BearerToken": {"type": "apiKey", "name": "authorization", "in": "header"}},
          "security": [{"BearerToken": []}]
        }
        """)!.AsObject();
}
