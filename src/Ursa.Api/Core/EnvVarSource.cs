using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Where a variable's value comes from.</summary>
public sealed class EnvVarSource
{
    /// <summary>A field of the pod.</summary>
    [JsonPropertyName("fieldRef")]
    public ObjectFieldSelector? FieldRef { get; set; }

    /// <summary>A resource of the container.</summary>
    [JsonPropertyName("resourceFieldRef")]
    public ResourceFieldSelector? ResourceFieldRef { get; set; }

    /// <summary>A key of a config map.</summary>
    [JsonPropertyName("configMapKeyRef")]
    public KeySelector? ConfigMapKeyRef { get; set; }

    /// <summary>A key of a secret.</summary>
    [JsonPropertyName("secretKeyRef")]
    public KeySelector? SecretKeyRef { get; set; }
}
