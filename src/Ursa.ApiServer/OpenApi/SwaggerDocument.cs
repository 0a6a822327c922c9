using System.Text.Json.Nodes;
using Ursa.ApiServer.Resources;

namespace Ursa.ApiServer.OpenApi;

/// <summary>
/// The Swagger 2.0 (OpenAPI v2) document of every kind, for clients that predate OpenAPI v3 (kubectl 1.20–1.27
/// validate manifests and run <c>explain</c> from it). Built from the same schema as the v3 documents.
/// </summary>
public static class SwaggerDocument
{
    public static JsonObject Build(ResourceCatalog catalog, string serverVersion)
    {
        var schemas = new SchemaWriter(XmlDocs.For(typeof(Api.Meta.KubeObject).Assembly), swagger2: true);
        var paths = new JsonObject();
        foreach (var resource in catalog.All.OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Plural, StringComparer.Ordinal))
        {
            var reference = schemas.Reference(resource.TypeInfo.Type);
            schemas.MarkKind(resource.TypeInfo.Type, resource.Group, resource.Version, resource.Kind);
            var root = resource.Group.Length == 0 ? $"/api/{resource.Version}" : $"/apis/{resource.Group}/{resource.Version}";
            var scope = resource.IsNamespaced ? "/namespaces/{namespace}" : string.Empty;
            var collection = $"{root}{scope}/{resource.Plural}";
            paths[collection] = new JsonObject
            {
                ["get"] = Operation(resource, "list", reference, []),
                ["post"] = Operation(resource, "post", reference, ["fieldValidation", "dryRun", "fieldManager"]),
            };
            paths[collection + "/{name}"] = new JsonObject
            {
                ["get"] = Operation(resource, "get", reference, []),
                ["put"] = Operation(resource, "put", reference, ["fieldValidation", "dryRun", "fieldManager"]),
                ["patch"] = Operation(resource, "patch", reference, ["fieldValidation", "dryRun", "fieldManager", "force"]),
                ["delete"] = Operation(resource, "delete", reference, ["dryRun", "gracePeriodSeconds", "propagationPolicy"]),
            };
        }

        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Ursa", ["version"] = serverVersion },
            ["paths"] = paths,
            ["definitions"] = schemas.Schemas,
        };
    }

    private static JsonObject Operation(ResourceDefinition r, string action, JsonObject reference, string[] query)
    {
        var parameters = new JsonArray();
        foreach (var name in query)
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["type"] = "string", ["uniqueItems"] = true });
        }

        return new JsonObject
        {
            ["operationId"] = $"{action}{r.Kind}",
            ["consumes"] = new JsonArray("*/*"),
            ["produces"] = new JsonArray("application/json", "application/yaml"),
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK", ["schema"] = reference.DeepClone() } },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind },
        };
    }
}
