using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Apps;

/// <summary>Desired state of a deployment.</summary>
public sealed class DeploymentSpec
{
    /// <summary>Desired pods. Default 1.</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    /// <summary>Pods the deployment owns.</summary>
    [Required]
    [JsonPropertyName("selector")]
    public LabelSelector? Selector { get; set; }

    /// <summary>Template of new pods.</summary>
    [Required]
    [JsonPropertyName("template")]
    public PodTemplateSpec? Template { get; set; }

    /// <summary>How old pods are replaced.</summary>
    [PatchStrategy("retainKeys")]
    [JsonPropertyName("strategy")]
    public DeploymentStrategy? Strategy { get; set; }

    /// <summary>Seconds a pod must be ready to count as available.</summary>
    [JsonPropertyName("minReadySeconds")]
    public int? MinReadySeconds { get; set; }

    /// <summary>Old replica sets kept for rollback. Default 10.</summary>
    [JsonPropertyName("revisionHistoryLimit")]
    public int? RevisionHistoryLimit { get; set; }

    /// <summary>Pause rollouts.</summary>
    [JsonPropertyName("paused")]
    public bool? Paused { get; set; }

    /// <summary>Seconds before a stalled rollout is reported. Default 600.</summary>
    [JsonPropertyName("progressDeadlineSeconds")]
    public int? ProgressDeadlineSeconds { get; set; }
}
