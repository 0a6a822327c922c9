namespace Ursa.Storage;

/// <summary>Paging and consistency options for <see cref="IStore.ListAsync"/>.</summary>
public sealed record StoreListOptions
{
    /// <summary>No options: the whole prefix at the newest revision.</summary>
    public static StoreListOptions All { get; } = new();

    /// <summary>At most this many entries; 0 means no limit.</summary>
    public int Limit { get; init; }

    /// <summary>Return only keys strictly greater than this one (the continue point of a paged list).</summary>
    public string? StartAfterKey { get; init; }

    /// <summary>Read the state as of this revision; 0 means the newest.</summary>
    public long AtRevision { get; init; }
}
