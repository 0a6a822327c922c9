namespace Ursa.ApiServer.Caching;

/// <summary>A change applied to the cache: the object after it (or last seen, for a delete) and before it.</summary>
public sealed class CacheEvent(CacheEventType type, CachedObject current, CachedObject? previous)
{
    public CacheEventType Type { get; } = type;

    public CachedObject Current { get; } = current;

    public CachedObject? Previous { get; } = previous;

    public long Revision => Current.Revision;
}
