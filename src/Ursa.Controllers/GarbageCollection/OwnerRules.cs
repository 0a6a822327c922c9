namespace Ursa.Controllers.GarbageCollection;

/// <summary>The garbage collector's decisions, pure: whether a dependent's owners are gone, and what an owner being deleted waits for.</summary>
public static class OwnerRules
{
    public const string ForegroundFinalizer = "foregroundDeletion";
    public const string OrphanFinalizer = "orphan";

    /// <summary>
    /// Judges a dependent from its owner references. <paramref name="ownerGone"/> answers for one reference:
    /// true when the owner (that uid, in the dependent's tenant) no longer exists; null when it cannot tell
    /// (an owner kind the collector does not track), which counts as live: never delete on a guess.
    /// </summary>
    public static OwnerVerdict Judge(KubeObject dependent, Func<OwnerReference, bool?> ownerGone)
    {
        var refs = dependent.Metadata.OwnerReferences;
        if (refs is null || refs.Count == 0)
        {
            return OwnerVerdict.Keep;
        }

        var gone = refs.Count(r => ownerGone(r) == true);
        return gone == 0 ? OwnerVerdict.Keep : gone == refs.Count ? OwnerVerdict.Delete : OwnerVerdict.RemoveDanglingReferences;
    }

    /// <summary>An owner deleted in the foreground waits until none of its dependents that block owner deletion remain.</summary>
    public static bool ForegroundDone(KubeObject owner, IEnumerable<KubeObject> dependents) =>
        !dependents.Any(d => d.Metadata.OwnerReferences?.Any(r => r.Uid == owner.Metadata.Uid && r.BlockOwnerDeletion == true) == true);

    public static bool Deleting(KubeObject obj, string finalizer) =>
        obj.Metadata.DeletionTimestamp is not null && obj.Metadata.Finalizers?.Contains(finalizer) == true;

    /// <summary>The owner references left when those to <paramref name="uids"/> are removed (null when none are left).</summary>
    public static List<OwnerReference>? Without(KubeObject dependent, IReadOnlySet<string> uids)
    {
        var left = (dependent.Metadata.OwnerReferences ?? []).Where(r => r.Uid is null || !uids.Contains(r.Uid)).ToList();
        return left.Count == 0 ? null : left;
    }
}
