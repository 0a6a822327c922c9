using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Binds a pod to a node (the pods/binding subresource).</summary>
public sealed class Binding
{
    /// <summary>v1.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>Binding.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>Name of the pod being bound.</summary>
    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    /// <summary>The node to bind to.</summary>
    [Required]
    [JsonPropertyName("target")]
    public ObjectReference? Target { get; set; }
}
