using System.Text.Json.Serialization.Metadata;
using Ursa.ApiServer.Tables;

namespace Ursa.ApiServer.Resources;

/// <summary>Everything the server knows about one resource: names for discovery, scope, type, behaviour.</summary>
public sealed class ResourceDefinition
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required ResourceScope Scope { get; init; }

    public required JsonTypeInfo TypeInfo { get; init; }

    public required IResourceStrategy Strategy { get; init; }

    public required ITableConvertor Table { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Subresources routed for this kind (status, binding, log, exec, action, ...).</summary>
    public IReadOnlySet<string> Subresources { get; init; } = new HashSet<string>();

    /// <summary>Fields usable in field selectors beyond metadata.name and metadata.namespace, as JSON paths.</summary>
    public IReadOnlyList<string> SelectableFields { get; init; } = [];

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>Plural qualified by group as Kubernetes prints it in errors: <c>deployments.apps</c>, <c>pods</c>.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public bool HasStatus => Subresources.Contains("status");

    public bool IsNamespaced => Scope == ResourceScope.Namespaced;

    /// <summary>Key prefix of every object of this kind: <c>/registry/{plural}/</c>.</summary>
    public string KeyPrefix => $"/registry/{Plural}/";
}
