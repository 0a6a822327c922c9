using System.Globalization;

namespace Ursa.Controllers.Deployments;

/// <summary>The revision annotations Deployments and their ReplicaSets carry (what <c>kubectl rollout history/undo</c> read).</summary>
public static class Revisions
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    /// <summary>Annotations a Deployment does not pass to its ReplicaSets (kubectl's annotationsToSkip).</summary>
    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration",
        RevisionAnnotation,
        "deployment.kubernetes.io/revision-history",
        DesiredReplicasAnnotation,
        MaxReplicasAnnotation,
        "deprecated.deployment.rollback.to",
    };

    public static long Of(KubeObject obj) =>
        obj.Metadata.Annotations?.GetValueOrDefault(RevisionAnnotation) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : 0;

    /// <summary>The annotations a new ReplicaSet gets: the Deployment's own (minus the skipped ones) plus revision and replica bookkeeping.</summary>
    public static Dictionary<string, string> ForReplicaSet(Deployment deployment, long revision, int maxSurge)
    {
        var annotations = (deployment.Metadata.Annotations ?? []).Where(kv => !NotCopied.Contains(kv.Key))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var replicas = deployment.Spec?.Replicas ?? 1;
        annotations[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        annotations[DesiredReplicasAnnotation] = replicas.ToString(CultureInfo.InvariantCulture);
        annotations[MaxReplicasAnnotation] = (replicas + maxSurge).ToString(CultureInfo.InvariantCulture);
        return annotations;
    }
}
