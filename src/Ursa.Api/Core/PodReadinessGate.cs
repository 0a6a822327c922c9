using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>An extra condition a pod needs to be ready.</summary>
public sealed class PodReadinessGate
{
    /// <summary>Condition type in the pod's conditions.</summary>
    [Required]
    [JsonPropertyName("conditionType")]
    public string? ConditionType { get; set; }
}
