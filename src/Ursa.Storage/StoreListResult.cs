namespace Ursa.Storage;

/// <summary>A page of a list.</summary>
/// <param name="Entries">Entries in key order.</param>
/// <param name="Revision">The revision the page is consistent at; pass it as
/// <see cref="StoreListOptions.AtRevision"/> to read the next page from the same state.</param>
/// <param name="HasMore">True when more keys follow the last entry.</param>
public sealed record StoreListResult(IReadOnlyList<StoreEntry> Entries, long Revision, bool HasMore);
