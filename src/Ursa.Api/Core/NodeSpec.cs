using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Desired state of a node.</summary>
public sealed class NodeSpec
{
    /// <summary>Pod IP range of the node.</summary>
    [JsonPropertyName("podCIDR")]
    public string? PodCIDR { get; set; }

    /// <summary>Pod IP ranges of the node.</summary>
    [PatchStrategy("merge")]
    [JsonPropertyName("podCIDRs")]
    public List<string>? PodCIDRs { get; set; }

    /// <summary>Provider id.</summary>
    [JsonPropertyName("providerID")]
    public string? ProviderID { get; set; }

    /// <summary>No new pods are placed on the node.</summary>
    [JsonPropertyName("unschedulable")]
    public bool? Unschedulable { get; set; }

    /// <summary>Taints that repel pods without a matching toleration.</summary>
    [JsonPropertyName("taints")]
    public List<Taint>? Taints { get; set; }
}
