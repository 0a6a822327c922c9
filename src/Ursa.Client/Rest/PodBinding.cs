namespace Ursa.Client.Rest;

/// <summary>One pod to bind to a node (an entry of <see cref="IPodBindingBatchClient.BindPodsAsync"/>).</summary>
/// <param name="Uid">When set, the bind applies only to the pod with this uid (not a namesake created since).</param>
public sealed record PodBinding(string? Tenant, string Namespace, string Name, string? Uid, string Node);
