using Ursa.ApiMachinery.Patching;

namespace Ursa.ApiServer.Schema;

/// <summary>Adapts a <see cref="TypeSchema"/> position to the strategic merge patch engine.</summary>
public sealed class TypePatchSchema(TypeSchema schema, SchemaField? owner) : IPatchSchema
{
    public static IPatchSchema For(Type type) => new TypePatchSchema(TypeSchema.For(type), null);

    public IPatchSchema? Items => schema.Kind == SchemaKind.Array && schema.Element is { } element ? new TypePatchSchema(element, null) : null;

    public string? PatchMergeKey => owner?.PatchMergeKey;

    public string? PatchStrategy => owner?.PatchStrategy;

    public IPatchSchema? Field(string name) => schema.Kind switch
    {
        SchemaKind.Object when schema.Fields.TryGetValue(name, out var f) => new TypePatchSchema(f.Schema, f),
        SchemaKind.Map when schema.Element is { } element => new TypePatchSchema(element, null),
        _ => null,
    };
}
