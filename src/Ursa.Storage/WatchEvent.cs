namespace Ursa.Storage;

/// <summary>One change seen by a watch.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Entry">For a create or update, the new value; for a delete, the last value before the
/// deletion, with <see cref="StoreEntry.ModRevision"/> set to the deletion's revision. For a progress event,
/// an entry with an empty key whose <see cref="StoreEntry.ModRevision"/> is the revision the watch has
/// reached.</param>
public sealed record WatchEvent(WatchEventType Type, StoreEntry Entry)
{
    /// <summary>The revision of the event.</summary>
    public long Revision => Entry.ModRevision;
}
