using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.OpenApi;

/// <summary>
/// The layout of one <c>openapi.v2</c> message as a table: named fields, the <c>vendor_extension</c> field that
/// collects the object's <c>x-*</c> keys, and for map-like messages (<c>Definitions</c>, <c>Properties</c>,
/// <c>Paths</c>, <c>Responses</c>, ...) the repeated <c>Named*</c> field that every other key becomes.
/// </summary>
internal sealed class GnosticMessage(params GnosticField[] fields)
{
    private readonly Dictionary<string, GnosticField> _fields = fields.ToDictionary(f => f.JsonName, StringComparer.Ordinal);

    /// <summary>The field number of <c>repeated NamedAny vendor_extension</c>; 0 when the message has none.</summary>
    public int VendorExtensions { get; init; }

    /// <summary>The field number of the repeated <c>Named*</c> entries {name = 1, value = 2}; 0 when not a map.</summary>
    public int Entries { get; init; }

    /// <summary>Encodes an entry's value (field 2 of the <c>Named*</c> message).</summary>
    public FieldEncoder? EntryValue { get; init; }

    /// <summary>Writes the fields of <paramref name="json"/> into <paramref name="writer"/>; unknown keys are skipped.</summary>
    public void Write(ProtoWriter writer, JsonObject json)
    {
        foreach (var (key, value) in json)
        {
            if (_fields.TryGetValue(key, out var field))
            {
                field.Encode(writer, field.Number, value);
            }
            else if (VendorExtensions != 0 && key.StartsWith("x-", StringComparison.Ordinal))
            {
                writer.Message(VendorExtensions, named => WriteEntry(named, key, value, Encoders.Any));
            }
            else if (Entries != 0 && EntryValue is { } entryValue)
            {
                writer.Message(Entries, named => WriteEntry(named, key, value, entryValue));
            }
        }
    }

    private static void WriteEntry(ProtoWriter named, string name, JsonNode? value, FieldEncoder encodeValue)
    {
        named.String(1, name);
        encodeValue(named, 2, value);
    }
}
