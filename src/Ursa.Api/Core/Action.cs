using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>An operation on a VM pod (reboot, snapshot, restore), performed by the node agent that owns the pod.</summary>
public sealed class Action : KubeObject
{
    /// <summary>What to do.</summary>
    [JsonPropertyName("spec")]
    public ActionSpec? Spec { get; set; }

    /// <summary>How it went.</summary>
    [JsonPropertyName("status")]
    public ActionStatus? Status { get; set; }
}
