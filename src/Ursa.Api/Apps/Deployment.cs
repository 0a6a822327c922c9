using System.Text.Json.Serialization;

namespace Ursa.Api.Apps;

/// <summary>Declarative rollouts of replica sets.</summary>
public sealed class Deployment : KubeObject
{
    /// <summary>Desired state.</summary>
    [JsonPropertyName("spec")]
    public DeploymentSpec? Spec { get; set; }

    /// <summary>Observed state.</summary>
    [JsonPropertyName("status")]
    public DeploymentStatus? Status { get; set; }
}
