namespace Ursa.Storage;

/// <summary>An update or delete carried a revision precondition that no longer holds.</summary>
public sealed class RevisionConflictException(string key, long expected, long actual)
    : StoreException($"key {key} is at revision {actual}, not {expected}")
{
    /// <summary>The key.</summary>
    public string Key { get; } = key;

    /// <summary>The revision the caller expected.</summary>
    public long Expected { get; } = expected;

    /// <summary>The key's current modification revision.</summary>
    public long Actual { get; } = actual;

    /// <summary>The current entry, when the store could read it in the same step.</summary>
    public StoreEntry? Current { get; init; }
}
