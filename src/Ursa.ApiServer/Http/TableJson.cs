using System.Text.Json;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Tables;

namespace Ursa.ApiServer.Http;

/// <summary>The JSON shape of <c>meta.k8s.io/v1 Table</c> parts.</summary>
public static class TableJson
{
    public static void WriteColumns(Utf8JsonWriter writer, IReadOnlyList<TableColumn> columns)
    {
        writer.WriteStartArray("columnDefinitions");
        foreach (var column in columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("type", column.Type);
            writer.WriteString("format", column.Format);
            writer.WriteString("description", column.Description);
            writer.WriteNumber("priority", column.Priority);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// One row. Without <c>includeObject=Object</c> the row carries the object's metadata only, as a
    /// PartialObjectMetadata (kubectl reads labels and names from it).
    /// </summary>
    public static void WriteRow(Utf8JsonWriter writer, ResourceDefinition resource, KubeObject obj, byte[] json, bool includeObject, DateTimeOffset now)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("cells");
        foreach (var cell in resource.Table.Cells(obj, now))
        {
            switch (cell)
            {
                case null: writer.WriteStringValue(string.Empty); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case int i: writer.WriteNumberValue(i); break;
                case long l: writer.WriteNumberValue(l); break;
                default: writer.WriteStringValue(cell.ToString()); break;
            }
        }

        writer.WriteEndArray();
        writer.WritePropertyName("object");
        if (includeObject)
        {
            writer.WriteRawValue(json, skipInputValidation: true);
        }
        else
        {
            using var document = JsonDocument.Parse(json);
            writer.WriteStartObject();
            writer.WriteString("kind", "PartialObjectMetadata");
            writer.WriteString("apiVersion", "meta.k8s.io/v1");
            if (document.RootElement.TryGetProperty("metadata", out var metadata))
            {
                writer.WritePropertyName("metadata");
                metadata.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
