namespace Ursa.Client.Rest;

/// <summary>Watch event types as the API sends them.</summary>
public enum WatchEventKind
{
    Added,
    Modified,
    Deleted,
    Bookmark,
}
