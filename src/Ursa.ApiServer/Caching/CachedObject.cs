namespace Ursa.ApiServer.Caching;

/// <summary>
/// One object as the watch cache keeps it: the JSON exactly as served (resourceVersion stamped in) plus what
/// selectors need. Kept as bytes, not decoded objects: Kubernetes' decoded cache costs ~5x the JSON size; this
/// costs the JSON plus ~300 bytes.
/// </summary>
public sealed class CachedObject
{
    public required string Key { get; init; }

    public required byte[] Json { get; init; }

    public required long Revision { get; init; }

    public string? Tenant { get; init; }

    public string? Namespace { get; init; }

    public required string Name { get; init; }

    /// <summary>Labels, interned (many objects share keys and values).</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Values of the resource's selectable fields, in <c>ResourceDefinition.SelectableFields</c> order.</summary>
    public required string?[] Fields { get; init; }
}
