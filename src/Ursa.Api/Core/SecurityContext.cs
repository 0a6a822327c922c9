using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Container security attributes.</summary>
public sealed class SecurityContext
{
    /// <summary>Run privileged.</summary>
    [JsonPropertyName("privileged")]
    public bool? Privileged { get; set; }

    /// <summary>UID.</summary>
    [JsonPropertyName("runAsUser")]
    public long? RunAsUser { get; set; }

    /// <summary>GID.</summary>
    [JsonPropertyName("runAsGroup")]
    public long? RunAsGroup { get; set; }

    /// <summary>Refuse root.</summary>
    [JsonPropertyName("runAsNonRoot")]
    public bool? RunAsNonRoot { get; set; }

    /// <summary>Read-only root filesystem.</summary>
    [JsonPropertyName("readOnlyRootFilesystem")]
    public bool? ReadOnlyRootFilesystem { get; set; }

    /// <summary>Allow gaining more privileges than the parent.</summary>
    [JsonPropertyName("allowPrivilegeEscalation")]
    public bool? AllowPrivilegeEscalation { get; set; }

    /// <summary>Capabilities to add or drop.</summary>
    [JsonPropertyName("capabilities")]
    public Capabilities? Capabilities { get; set; }

    /// <summary>Seccomp options.</summary>
    [JsonPropertyName("seccompProfile")]
    public SeccompProfile? SeccompProfile { get; set; }
}
