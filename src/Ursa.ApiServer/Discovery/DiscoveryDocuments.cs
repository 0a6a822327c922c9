using System.Text.Json.Nodes;
using Ursa.ApiServer.Resources;

namespace Ursa.ApiServer.Discovery;

/// <summary>
/// Discovery documents, built once from the catalog: the legacy forms (APIVersions, APIGroupList,
/// APIResourceList) and the aggregated form (APIGroupDiscoveryList v2/v2beta1) kubectl 1.26+ asks for first.
/// </summary>
public sealed class DiscoveryDocuments
{
    private readonly ResourceCatalog _catalog;

    public DiscoveryDocuments(ResourceCatalog catalog, string serverAddress)
    {
        _catalog = catalog;
        CoreVersions = new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = new JsonArray("v1"),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
        }.ToJsonString();
        GroupList = new JsonObject
        {
            ["kind"] = "APIGroupList",
            ["apiVersion"] = "v1",
            ["groups"] = new JsonArray(catalog.GroupVersions.Where(gv => gv.Group.Length > 0).Select(gv => (JsonNode)Group(gv.Group, gv.Version)).ToArray()),
        }.ToJsonString();
    }

    public string CoreVersions { get; }

    public string GroupList { get; }

    public static IReadOnlyList<string> VerbsOf(ResourceDefinition resource) =>
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public string? GroupDocument(string group)
    {
        var version = _catalog.GroupVersions.FirstOrDefault(gv => gv.Group == group);
        return version.Version is null ? null : Group(group, version.Version).ToJsonString();
    }

    public string? ResourceList(string group, string version)
    {
        var resources = _catalog.All.Where(r => r.Group == group && r.Version == version).OrderBy(r => r.Plural, StringComparer.Ordinal).ToList();
        if (resources.Count == 0)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var r in resources)
        {
            list.Add(new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.IsNamespaced,
                ["kind"] = r.Kind,
                ["verbs"] = Strings(VerbsOf(r)),
                ["shortNames"] = r.ShortNames.Count > 0 ? Strings(r.ShortNames) : null,
                ["categories"] = r.Categories.Count > 0 ? Strings(r.Categories) : null,
            });
            foreach (var sub in r.Subresources.Order(StringComparer.Ordinal))
            {
                var (kind, verbs) = SubresourceShape(r, sub);
                list.Add(new JsonObject
                {
                    ["name"] = $"{r.Plural}/{sub}",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = r.IsNamespaced,
                    ["kind"] = kind,
                    ["verbs"] = Strings(verbs),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        }.ToJsonString();
    }

    /// <summary>The aggregated discovery list: core only for /api, every named group for /apis.</summary>
    public string Aggregated(bool core, string apiVersion)
    {
        var items = new JsonArray();
        foreach (var (group, version) in _catalog.GroupVersions.Where(gv => (gv.Group.Length == 0) == core))
        {
            var resources = new JsonArray();
            foreach (var r in _catalog.All.Where(r => r.Group == group && r.Version == version).OrderBy(r => r.Plural, StringComparer.Ordinal))
            {
                var subresources = new JsonArray();
                foreach (var sub in r.Subresources.Order(StringComparer.Ordinal))
                {
                    var (kind, verbs) = SubresourceShape(r, sub);
                    subresources.Add(new JsonObject
                    {
                        ["subresource"] = sub,
                        ["responseKind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
                        ["verbs"] = Strings(verbs),
                    });
                }

                resources.Add(new JsonObject
                {
                    ["resource"] = r.Plural,
                    ["responseKind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = r.Kind },
                    ["scope"] = r.IsNamespaced ? "Namespaced" : "Cluster",
                    ["singularResource"] = r.Singular,
                    ["verbs"] = Strings(VerbsOf(r)),
                    ["shortNames"] = r.ShortNames.Count > 0 ? Strings(r.ShortNames) : null,
                    ["categories"] = r.Categories.Count > 0 ? Strings(r.Categories) : null,
                    ["subresources"] = subresources.Count > 0 ? subresources : null,
                });
            }

            items.Add(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = group, ["creationTimestamp"] = null },
                ["versions"] = new JsonArray(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" }),
            });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = apiVersion,
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        }.ToJsonString();
    }

    private static (string Kind, IReadOnlyList<string> Verbs) SubresourceShape(ResourceDefinition r, string sub) => sub switch
    {
        "status" => (r.Kind, ["get", "patch", "update"]),
        "binding" => ("Binding", ["create"]),
        "action" => ("Action", ["create"]),
        "eviction" => ("Eviction", ["create"]),
        "scale" => ("Scale", ["get", "patch", "update"]),
        "finalize" => (r.Kind, ["update"]),
        "log" => ("Pod", ["get"]),
        _ => ("PodExecOptions", ["create", "get"]),
    };

    private static JsonObject Group(string name, string version)
    {
        var gv = new JsonObject { ["groupVersion"] = $"{name}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = new JsonArray(gv),
            ["preferredVersion"] = gv.DeepClone(),
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
