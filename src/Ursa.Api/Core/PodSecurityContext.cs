using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Pod-level security attributes applied to every container.</summary>
public sealed class PodSecurityContext
{
    /// <summary>UID the entrypoint runs as.</summary>
    [JsonPropertyName("runAsUser")]
    public long? RunAsUser { get; set; }

    /// <summary>GID the entrypoint runs as.</summary>
    [JsonPropertyName("runAsGroup")]
    public long? RunAsGroup { get; set; }

    /// <summary>Refuse to start containers that run as root.</summary>
    [JsonPropertyName("runAsNonRoot")]
    public bool? RunAsNonRoot { get; set; }

    /// <summary>Supplemental group owning mounted volumes.</summary>
    [JsonPropertyName("fsGroup")]
    public long? FsGroup { get; set; }

    /// <summary>Extra groups for the first process.</summary>
    [JsonPropertyName("supplementalGroups")]
    public List<long>? SupplementalGroups { get; set; }

    /// <summary>Namespaced sysctls set for the pod.</summary>
    [JsonPropertyName("sysctls")]
    public List<Sysctl>? Sysctls { get; set; }

    /// <summary>Seccomp options.</summary>
    [JsonPropertyName("seccompProfile")]
    public SeccompProfile? SeccompProfile { get; set; }
}
