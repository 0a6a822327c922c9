namespace Ursa.ApiMachinery.Protobuf;

/// <summary>
/// What a schema field holds on the wire and how it maps to JSON. The well-known apimachinery messages
/// (<c>Time</c>, <c>MicroTime</c>, <c>Quantity</c>, <c>IntOrString</c>, <c>FieldsV1</c>) are types of their own
/// because their JSON form is a scalar, not an object.
/// </summary>
internal enum ProtoType
{
    /// <summary><c>string</c>.</summary>
    Text,

    /// <summary><c>bytes</c>: base64 in JSON, as Go's <c>[]byte</c>.</summary>
    Bytes,

    Bool,
    /// <summary><c>int32</c> (a varint; negative values arrive sign-extended to 64 bits).</summary>
    Int,

    /// <summary><c>int64</c>.</summary>
    Long,

    /// <summary>A nested message from the schema table (<see cref="ProtoField.MessageName"/>): a JSON object.</summary>
    Message,

    /// <summary><c>meta.v1.Time</c> {seconds = 1; nanos = 2}: RFC 3339 with second precision; empty means unset.</summary>
    Time,

    /// <summary><c>meta.v1.MicroTime</c>: RFC 3339 with microseconds.</summary>
    MicroTime,

    /// <summary><c>resource.Quantity</c> {string = 1}: a JSON string.</summary>
    Quantity,

    /// <summary><c>intstr.IntOrString</c> {type = 1; intVal = 2; strVal = 3}: a JSON number or string.</summary>
    IntOrString,

    /// <summary><c>meta.v1.FieldsV1</c> {bytes Raw = 1}: the raw bytes are JSON and are embedded as is.</summary>
    FieldsV1,
}
