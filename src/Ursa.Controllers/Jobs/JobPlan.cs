namespace Ursa.Controllers.Jobs;

/// <summary>What one Job sync does: pods to create, pods to delete, and the status to write; when replacements
/// wait out the failure back-off, <see cref="CreateAfter"/> is the time left (sync again then).</summary>
public sealed record JobPlan(int Create, IReadOnlyList<Pod> Delete, JobStatus Status, TimeSpan? CreateAfter = null);
