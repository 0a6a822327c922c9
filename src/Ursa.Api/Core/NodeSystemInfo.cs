using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Identity and versions of a node.</summary>
public sealed class NodeSystemInfo
{
    /// <summary>Machine id.</summary>
    [JsonPropertyName("machineID")]
    public string? MachineID { get; set; }

    /// <summary>System UUID.</summary>
    [JsonPropertyName("systemUUID")]
    public string? SystemUUID { get; set; }

    /// <summary>Boot id.</summary>
    [JsonPropertyName("bootID")]
    public string? BootID { get; set; }

    /// <summary>Kernel version.</summary>
    [JsonPropertyName("kernelVersion")]
    public string? KernelVersion { get; set; }

    /// <summary>OS image.</summary>
    [JsonPropertyName("osImage")]
    public string? OsImage { get; set; }

    /// <summary>Primary runtime and version.</summary>
    [JsonPropertyName("containerRuntimeVersion")]
    public string? ContainerRuntimeVersion { get; set; }

    /// <summary>Node agent version.</summary>
    [JsonPropertyName("kubeletVersion")]
    public string? KubeletVersion { get; set; }

    /// <summary>Deprecated.</summary>
    [JsonPropertyName("kubeProxyVersion")]
    public string? KubeProxyVersion { get; set; }

    /// <summary>linux.</summary>
    [JsonPropertyName("operatingSystem")]
    public string? OperatingSystem { get; set; }

    /// <summary>amd64, arm64, ...</summary>
    [JsonPropertyName("architecture")]
    public string? Architecture { get; set; }
}
