namespace Ursa.Controllers.Jobs;

/// <summary>What one Job sync does: pods to create, pods to delete, and the status to write.</summary>
public sealed record JobPlan(int Create, IReadOnlyList<Pod> Delete, JobStatus Status);
