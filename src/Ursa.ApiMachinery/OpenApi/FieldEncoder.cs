using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.OpenApi;

/// <summary>Writes one Swagger JSON value as protobuf field <paramref name="number"/> of the message being written.</summary>
/// <param name="value">The JSON value; <see langword="null"/> for a JSON <c>null</c>.</param>
internal delegate void FieldEncoder(ProtoWriter writer, int number, JsonNode? value);
