using System.Text.Json.Serialization;

namespace Ursa.Api.Batch;

/// <summary>Runs pods until a number of them succeed.</summary>
public sealed class Job : KubeObject
{
    /// <summary>Desired state.</summary>
    [JsonPropertyName("spec")]
    public JobSpec? Spec { get; set; }

    /// <summary>Observed state.</summary>
    [JsonPropertyName("status")]
    public JobStatus? Status { get; set; }
}
