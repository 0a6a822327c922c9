namespace Ursa.Storage;

/// <summary>A read or watch asked for history older than the compacted revision ("too old").</summary>
public sealed class RevisionCompactedException(long requested, long compacted)
    : StoreException($"revision {requested} is compacted (oldest kept: {compacted})")
{
    /// <summary>The revision asked for.</summary>
    public long Requested { get; } = requested;

    /// <summary>The compaction revision: history before it is gone.</summary>
    public long Compacted { get; } = compacted;
}
