namespace Ursa.ApiMachinery.OpenApi;

/// <summary>One row of a gnostic message table: the Swagger JSON key, the protobuf field number, how to encode it.</summary>
internal sealed record GnosticField(string JsonName, int Number, FieldEncoder Encode);
