namespace Ursa.ApiMachinery.Patching;

/// <summary>
/// What strategic merge patch needs to know about a type: the schema of its fields and, for list fields,
/// the element schema, merge key and strategy (the <c>x-kubernetes-patch-merge-key</c> /
/// <c>x-kubernetes-patch-strategy</c> of the OpenAPI schema, or the Go struct tags upstream).
/// </summary>
/// <remarks>
/// A node describes one field position: <see cref="PatchMergeKey"/> and <see cref="PatchStrategy"/> are the
/// metadata of the field itself, <see cref="Field"/> the sub-fields when the value is an object, and
/// <see cref="Items"/> the element schema when it is a list. Implementations must be thread-safe for reads.
/// </remarks>
public interface IPatchSchema
{
    /// <summary>The schema of a named field of this object; <c>null</c> = unknown (plain JSON: maps merge, lists replace).</summary>
    IPatchSchema? Field(string name);

    /// <summary>For a list field: the element schema.</summary>
    IPatchSchema? Items { get; }

    /// <summary>For a list field: the key identifying elements, e.g. <c>name</c> for containers.</summary>
    string? PatchMergeKey { get; }

    /// <summary>Comma-separated strategies: <c>merge</c>, <c>replace</c>, <c>retainKeys</c>, <c>merge,retainKeys</c>.</summary>
    string? PatchStrategy { get; }
}
