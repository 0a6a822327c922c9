using Ursa.Client.Rest;

namespace Ursa.Controllers.GarbageCollection;

/// <summary>One kind the garbage collector watches, owners and dependents alike, behind one untyped face.</summary>
internal interface ITrackedResource
{
    string Kind { get; }

    ResourceRef Resource { get; }

    Task Synced { get; }

    KubeObject? Get(string key);

    /// <summary>A merge patch of the object (typed, so the answer decodes).</summary>
    Task PatchAsync(KubeObject obj, string mergePatch, CancellationToken cancellationToken);

    /// <summary>A live read (not the cache), null when absent: the last word before deleting a dependent.</summary>
    Task<KubeObject?> LookupAsync(string? tenant, string? ns, string name, CancellationToken cancellationToken);
}
