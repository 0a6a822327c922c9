namespace Ursa.ApiMachinery.Patching;

/// <summary>An immutable, hand-built <see cref="IPatchSchema"/>: for tests and for types described in code.</summary>
/// <example>
/// <code>
/// var container = new PatchSchema { Fields = { ["env"] = PatchSchema.MergeList("name") } };
/// var podSpec = new PatchSchema { Fields = { ["containers"] = PatchSchema.MergeList("name", container) } };
/// </code>
/// </example>
public sealed class PatchSchema : IPatchSchema
{
    /// <summary>The known fields of an object value.</summary>
    public Dictionary<string, IPatchSchema> Fields { get; init; } = new(StringComparer.Ordinal);

    public IPatchSchema? Items { get; init; }

    public string? PatchMergeKey { get; init; }

    public string? PatchStrategy { get; init; }

    /// <summary>A list merged element-wise by <paramref name="mergeKey"/> (<c>patchStrategy:"merge"</c>).</summary>
    public static PatchSchema MergeList(string mergeKey, IPatchSchema? items = null) =>
        new() { PatchMergeKey = mergeKey, PatchStrategy = "merge", Items = items };

    /// <summary>A list of primitives merged as an ordered set (e.g. <c>finalizers</c>).</summary>
    public static PatchSchema MergeSet() => new() { PatchStrategy = "merge" };

    public IPatchSchema? Field(string name) => Fields.GetValueOrDefault(name);
}
