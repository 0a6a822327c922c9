namespace Ursa.Client.Rest;

/// <summary>One watch event. For a bookmark, only the object's resourceVersion is meaningful.</summary>
public sealed record ObjectEvent<T>(WatchEventKind Kind, T Object, string ResourceVersion);
