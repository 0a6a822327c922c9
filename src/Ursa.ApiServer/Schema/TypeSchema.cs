using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.ApiServer.Schema;

/// <summary>
/// The schema of an API type, read once by reflection from its properties and attributes. One model serves
/// strict field validation, strategic-merge-patch list semantics and the OpenAPI documents.
/// </summary>
public sealed class TypeSchema
{
    // Complete schemas only. A graph is built under BuildLock in Building (recursive types need an entry before
    // their fields are read) and published when its outermost type is done: publishing early let a second API
    // server in the same process read a half-built Pod schema (OpenAPI without pod.spec.virtualMachine).
    private static readonly ConcurrentDictionary<Type, TypeSchema> Cache = new();
    private static readonly Dictionary<Type, TypeSchema> Building = [];
    private static readonly object BuildLock = new();
    private readonly Dictionary<string, SchemaField>? _fields;

    private TypeSchema(Type clrType, SchemaKind kind)
    {
        ClrType = clrType;
        Kind = kind;
        if (kind == SchemaKind.Object)
        {
            _fields = new Dictionary<string, SchemaField>(StringComparer.Ordinal);
        }
    }

    public Type ClrType { get; }

    public SchemaKind Kind { get; }

    /// <summary>Element schema of an array, value schema of a map.</summary>
    public TypeSchema? Element { get; private set; }

    public IReadOnlyDictionary<string, SchemaField> Fields => _fields ?? [];

    /// <summary>Looks a field up by a name not yet made a string (the request scanner's hot path: no allocation).</summary>
    public bool TryGetField(ReadOnlySpan<char> name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out SchemaField field)
    {
        if (_fields is null)
        {
            field = null;
            return false;
        }

        return _fields.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out field);
    }

    public static TypeSchema For(Type type)
    {
        if (Cache.TryGetValue(type, out var schema))
        {
            return schema;
        }

        lock (BuildLock)
        {
            if (Cache.TryGetValue(type, out schema) || Building.TryGetValue(type, out schema))
            {
                return schema;
            }

            var outermost = Building.Count == 0;
            schema = Build(type);
            if (outermost)
            {
                foreach (var (built, value) in Building)
                {
                    Cache[built] = value;
                }

                Cache[type] = schema;
                Building.Clear();
            }

            return schema;
        }
    }

    private static TypeSchema Register(TypeSchema schema)
    {
        Building[schema.ClrType] = schema;
        return schema;
    }

    private static TypeSchema Build(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string) || underlying == typeof(DateTimeOffset))
        {
            return Register(new TypeSchema(type, SchemaKind.String));
        }

        if (underlying == typeof(bool))
        {
            return Register(new TypeSchema(type, SchemaKind.Boolean));
        }

        if (underlying == typeof(int) || underlying == typeof(long))
        {
            return Register(new TypeSchema(type, SchemaKind.Integer));
        }

        if (underlying == typeof(Api.Meta.IntOrString))
        {
            return Register(new TypeSchema(type, SchemaKind.IntOrString));
        }

        if (underlying == typeof(System.Text.Json.JsonElement))
        {
            return Register(new TypeSchema(type, SchemaKind.Any));
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var map = new TypeSchema(type, SchemaKind.Map);
            Register(map);
            map.Element = For(underlying.GetGenericArguments()[1]);
            return map;
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
        {
            var array = new TypeSchema(type, SchemaKind.Array);
            Register(array);
            array.Element = For(underlying.GetGenericArguments()[0]);
            return array;
        }

        var obj = new TypeSchema(type, SchemaKind.Object);

        // Registered before the fields are read so recursive types terminate.
        Register(obj);
        foreach (var property in underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .OrderBy(p => p.GetCustomAttribute<JsonPropertyOrderAttribute>()?.Order ?? 0))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
            obj._fields![name] = new SchemaField(
                name,
                property,
                For(property.PropertyType),
                property.GetCustomAttribute<PatchMergeKeyAttribute>()?.Key,
                property.GetCustomAttribute<PatchStrategyAttribute>()?.Strategy,
                property.GetCustomAttribute<RequiredAttribute>() is not null);
        }

        return obj;
    }
}
