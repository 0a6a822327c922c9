namespace Ursa.Storage;

/// <summary>
/// A watch delivered an event at or below a progress revision it had already reported, so whoever took that
/// progress for "everything up to here" has skipped the event (and a resume from there would skip it again). The
/// watch cannot go on without a gap: relist, as after <see cref="RevisionCompactedException"/>.
/// </summary>
public sealed class WatchProgressOvertakenException(long eventRevision, long progressRevision)
    : StoreException($"an event at revision {eventRevision} arrived after progress to revision {progressRevision} was reported")
{
    /// <summary>The late event's revision.</summary>
    public long EventRevision { get; } = eventRevision;

    /// <summary>The progress revision reported before it.</summary>
    public long ProgressRevision { get; } = progressRevision;
}
