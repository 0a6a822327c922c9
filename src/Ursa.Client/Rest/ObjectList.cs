namespace Ursa.Client.Rest;

/// <summary>A list response: the items and the resourceVersion a watch can start from.</summary>
public sealed record ObjectList<T>(IReadOnlyList<T> Items, string ResourceVersion);
