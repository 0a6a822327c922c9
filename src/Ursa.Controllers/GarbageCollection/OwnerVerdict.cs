namespace Ursa.Controllers.GarbageCollection;

/// <summary>What the garbage collector does with an object, judged by its owner references.</summary>
public enum OwnerVerdict
{
    /// <summary>No owner references, or at least one owner is live: leave it.</summary>
    Keep,

    /// <summary>Some owners are gone but one is live: drop the dangling references.</summary>
    RemoveDanglingReferences,

    /// <summary>Every owner is gone: delete it (background propagation).</summary>
    Delete,
}
