namespace Ursa.ApiServer.Registry;

/// <summary>
/// What keeps an object that is being deleted (deletionTimestamp set) in storage: metadata finalizers, a pod's
/// graceful stop in progress, or a namespace's spec finalizers (its contents are still being deleted).
/// </summary>
public static class DeletionRules
{
    /// <summary>The finalizer the namespace cleaner removes once a namespace is empty.</summary>
    public const string NamespaceFinalizer = "kubernetes";

    public static bool IsHeld(KubeObject obj) =>
        (obj.Metadata.Finalizers?.Count ?? 0) > 0 || obj.Metadata.DeletionGracePeriodSeconds is > 0 || HasSpecFinalizers(obj);

    public static bool HasSpecFinalizers(KubeObject obj) => obj is Namespace { Spec.Finalizers.Count: > 0 };
}
