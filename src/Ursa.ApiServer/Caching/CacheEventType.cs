namespace Ursa.ApiServer.Caching;

/// <summary>Watch event types on the wire.</summary>
public enum CacheEventType
{
    Added,
    Modified,
    Deleted,
}
