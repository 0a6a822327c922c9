using System.Text.Json.Serialization;

namespace Ursa.Api.Serialization;

/// <summary>
/// Source-generated JSON metadata for every API kind. Reflection-free serialization keeps encode/decode at a
/// few microseconds per pod, which matters at thousands of writes per second on two cores.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeConverter)],
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(Ursa.Api.Core.Action))]
[JsonSerializable(typeof(CustomAction))]
[JsonSerializable(typeof(Binding))]
[JsonSerializable(typeof(Tenant))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(ReplicaSet))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(Job))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(DeleteOptions))]
public sealed partial class UrsaJsonContext : JsonSerializerContext;
