using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Observed state of a pod's VM.</summary>
public sealed class VirtualMachineStatus
{
    /// <summary>VM name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>active, paused, stopped, building, error, ...</summary>
    [JsonPropertyName("state")]
    public string? State { get; set; }

    /// <summary>running, paused, shutdown, crashed, ...</summary>
    [JsonPropertyName("powerState")]
    public string? PowerState { get; set; }

    /// <summary>Whether the guest is up.</summary>
    [JsonPropertyName("ready")]
    public bool? Ready { get; set; }

    /// <summary>Number of guest restarts.</summary>
    [JsonPropertyName("restartCount")]
    public int? RestartCount { get; set; }

    /// <summary>Image the VM booted from.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>Resolved image digest.</summary>
    [JsonPropertyName("imageID")]
    public string? ImageID { get; set; }

    /// <summary>Resources actually allocated to the guest.</summary>
    [JsonPropertyName("resources")]
    public ResourceRequirements? Resources { get; set; }

    /// <summary>Resources that take effect at the next restart.</summary>
    [JsonPropertyName("pendingResources")]
    public ResourceRequirements? PendingResources { get; set; }

    /// <summary>Detail about the VM's state.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
