using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ursa.ApiMachinery.OpenApi;
using Ursa.ApiServer.Resources;

namespace Ursa.ApiServer.OpenApi;

/// <summary>
/// OpenAPI v3 documents per group-version, generated once from the API types. kubectl reads them to decide that
/// the server validates fields itself (a PATCH operation with a <c>fieldValidation</c> parameter) and for
/// <c>explain</c>.
/// </summary>
public sealed class OpenApiDocuments
{
    private readonly Dictionary<string, (string Json, string Hash)> _documents = new(StringComparer.Ordinal);

    public OpenApiDocuments(ResourceCatalog catalog, string serverVersion)
    {
        var docs = XmlDocs.For(typeof(Api.Meta.KubeObject).Assembly);
        foreach (var (group, version) in catalog.GroupVersions)
        {
            var path = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
            var schemas = new SchemaWriter(docs);
            var paths = new JsonObject();
            foreach (var resource in catalog.All.Where(r => r.Group == group && r.Version == version).OrderBy(r => r.Plural, StringComparer.Ordinal))
            {
                var reference = schemas.Reference(resource.TypeInfo.Type);
                schemas.MarkKind(resource.TypeInfo.Type, group, version, resource.Kind);
                AddPaths(paths, path, resource, reference);
            }

            var document = new JsonObject
            {
                ["openapi"] = "3.0.0",
                ["info"] = new JsonObject { ["title"] = "Ursa", ["version"] = serverVersion },
                ["paths"] = paths,
                ["components"] = new JsonObject { ["schemas"] = schemas.Schemas },
            }.ToJsonString();
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document)))[..32];
            _documents[path] = (document, hash);
        }

        var swagger = SwaggerDocument.Build(catalog, serverVersion);
        SwaggerJson = swagger.ToJsonString();
        SwaggerProtobuf = OpenApiV2Protobuf.Encode(swagger);
    }

    /// <summary>The Swagger 2.0 document (OpenAPI v2) as JSON.</summary>
    public string SwaggerJson { get; }

    /// <summary>The same document as gnostic's openapi.v2.Document protobuf, which kubectl 1.20–1.27 require.</summary>
    public byte[] SwaggerProtobuf { get; }

    /// <summary>The index at /openapi/v3.</summary>
    public string Index() => new JsonObject
    {
        ["paths"] = new JsonObject(_documents.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)new JsonObject
        {
            ["serverRelativeURL"] = $"/openapi/v3/{d.Key}?hash={d.Value.Hash}",
        }))),
    }.ToJsonString();

    /// <summary>The document for a path such as <c>api/v1</c> or <c>apis/apps/v1</c>, or null.</summary>
    public string? Document(string path) => _documents.TryGetValue(path, out var d) ? d.Json : null;

    private static void AddPaths(JsonObject paths, string root, ResourceDefinition r, JsonObject reference)
    {
        var scope = r.IsNamespaced ? "namespaces/{namespace}/" : string.Empty;
        var collection = $"/{root}/{scope}{r.Plural}";
        var item = $"{collection}/{{name}}";
        var gvk = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind };
        paths[collection] = new JsonObject
        {
            ["get"] = Operation(r, "list", gvk, reference, []),
            ["post"] = Operation(r, "post", gvk, reference, ["fieldValidation", "dryRun", "fieldManager"], body: true),
        };
        paths[item] = new JsonObject
        {
            ["get"] = Operation(r, "get", gvk, reference, []),
            ["put"] = Operation(r, "put", gvk, reference, ["fieldValidation", "dryRun", "fieldManager"], body: true),
            ["patch"] = Operation(r, "patch", gvk, reference, ["fieldValidation", "dryRun", "fieldManager", "force"], body: true),
            ["delete"] = Operation(r, "delete", gvk, reference, ["dryRun", "gracePeriodSeconds", "propagationPolicy"]),
        };
    }

    private static JsonObject Operation(ResourceDefinition r, string action, JsonObject gvk, JsonObject reference, string[] query, bool body = false)
    {
        var parameters = new JsonArray();
        foreach (var name in query)
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } });
        }

        var content = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = reference.DeepClone() } };
        var op = new JsonObject
        {
            ["operationId"] = $"{action}{r.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK", ["content"] = content } },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
        if (body)
        {
            var types = action == "patch"
                ? new[] { "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json" }
                : ["application/json", "application/yaml"];
            op["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject(types.Select(t => KeyValuePair.Create(t, (JsonNode?)new JsonObject { ["schema"] = reference.DeepClone() }))),
            };
        }

        return op;
    }
}
