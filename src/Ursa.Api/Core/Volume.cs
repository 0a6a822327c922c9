using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A named volume of a pod.</summary>
public sealed class Volume
{
    /// <summary>Volume name (DNS label).</summary>
    [Required]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>A scratch directory that lives as long as the pod.</summary>
    [JsonPropertyName("emptyDir")]
    public EmptyDirVolumeSource? EmptyDir { get; set; }

    /// <summary>A path on the node.</summary>
    [JsonPropertyName("hostPath")]
    public HostPathVolumeSource? HostPath { get; set; }

    /// <summary>A config map's keys as files.</summary>
    [JsonPropertyName("configMap")]
    public ConfigMapVolumeSource? ConfigMap { get; set; }

    /// <summary>A secret's keys as files.</summary>
    [JsonPropertyName("secret")]
    public SecretVolumeSource? Secret { get; set; }

    /// <summary>A persistent volume claim.</summary>
    [JsonPropertyName("persistentVolumeClaim")]
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }
}
