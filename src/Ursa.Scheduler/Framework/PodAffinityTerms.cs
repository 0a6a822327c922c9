namespace Ursa.Scheduler.Framework;

/// <summary>A pod's inter-pod affinity and anti-affinity terms, parsed; <see cref="Of"/> is null for most pods.</summary>
public sealed class PodAffinityTerms
{
    private PodAffinityTerms(Pod pod, PodAffinity? affinity, PodAffinity? anti)
    {
        RequiredAffinity = [.. (affinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? []).Select(t => new AffinityTerm(t, pod))];
        RequiredAntiAffinity = [.. (anti?.RequiredDuringSchedulingIgnoredDuringExecution ?? []).Select(t => new AffinityTerm(t, pod))];
        PreferredAffinity = Weighted(pod, affinity);
        PreferredAntiAffinity = Weighted(pod, anti);
    }

    public IReadOnlyList<AffinityTerm> RequiredAffinity { get; }

    public IReadOnlyList<AffinityTerm> RequiredAntiAffinity { get; }

    public IReadOnlyList<AffinityTerm> PreferredAffinity { get; }

    public IReadOnlyList<AffinityTerm> PreferredAntiAffinity { get; }

    public bool HasPreferred => PreferredAffinity.Count > 0 || PreferredAntiAffinity.Count > 0;

    /// <summary>The pod's terms, or null when it has none (the common case, which costs one null check).</summary>
    public static PodAffinityTerms? Of(Pod pod) =>
        HasTerms(pod) ? new PodAffinityTerms(pod, pod.Spec!.Affinity!.PodAffinity, pod.Spec.Affinity.PodAntiAffinity) : null;

    public static bool HasTerms(Pod pod) =>
        pod.Spec?.Affinity is { } affinity && !(IsEmpty(affinity.PodAffinity) && IsEmpty(affinity.PodAntiAffinity));

    private static bool IsEmpty(PodAffinity? affinity) =>
        affinity is null
        || ((affinity.RequiredDuringSchedulingIgnoredDuringExecution?.Count ?? 0) == 0 && (affinity.PreferredDuringSchedulingIgnoredDuringExecution?.Count ?? 0) == 0);

    private static AffinityTerm[] Weighted(Pod pod, PodAffinity? affinity) =>
        [.. (affinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? [])
            .Where(w => w.PodAffinityTerm is not null)
            .Select(w => new AffinityTerm(w.PodAffinityTerm!, pod, w.Weight ?? 0))];
}
