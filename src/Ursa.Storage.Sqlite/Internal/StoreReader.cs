using System.Text;

namespace Ursa.Storage.Sqlite.Internal;

/// <summary>The read queries, each run on a leased read connection; multi-statement reads run in one snapshot.</summary>
internal static class StoreReader
{
    // A cancelled List of 100k keys stops within this many rows (~1 ms of stepping).
    private const int CancellationCheckInterval = 256;

    public static StoreEntry? Get(SqliteConnection connection, string key)
    {
        SqliteStatement statement = connection.Statement(StoreSchema.GetLatest).Bind(1, key);
        try
        {
            return statement.Step()
                ? new StoreEntry(key, statement.GetBlob(2), statement.GetInt64(1), statement.GetInt64(0))
                : null;
        }
        finally
        {
            statement.Reset();
        }
    }

    public static StoreListResult List(SqliteConnection connection, KeyRange range, StoreListOptions options, CancellationToken cancellationToken)
    {
        using var snapshot = new ReadSnapshot(connection);
        (long newest, long compacted) = ReadState(connection);
        long at = options.AtRevision == 0 ? newest : options.AtRevision;
        if (at < compacted)
        {
            throw new RevisionCompactedException(at, compacted);
        }

        if (at > newest)
        {
            throw new ArgumentOutOfRangeException(nameof(options), at, $"revision {at} is newer than the store's revision {newest}");
        }

        // The tighter of the two lower bounds: the prefix itself, or the key the previous page ended at.
        byte[] lower = range.Lower;
        bool inclusive = true;
        if (options.StartAfterKey is { } startAfter)
        {
            byte[] after = Encoding.UTF8.GetBytes(startAfter);
            if (after.AsSpan().SequenceCompareTo(lower) >= 0)
            {
                lower = after;
                inclusive = false;
            }
        }

        // Reading at the newest revision streams the small 'live' table; only past revisions walk history.
        SqliteStatement statement = connection.Statement(
            at == newest ? StoreSchema.ListLatest(inclusive) : StoreSchema.ListAtRevision(inclusive));
        var entries = new List<StoreEntry>(options.Limit > 0 ? Math.Min(options.Limit + 1, 4096) : 64);
        try
        {
            statement.BindText(1, lower)
                .BindText(2, range.Upper)
                .Bind(3, options.Limit > 0 ? options.Limit + 1L : -1L);
            if (at != newest)
            {
                statement.Bind(4, at);
            }

            while (statement.Step())
            {
                if (entries.Count % CancellationCheckInterval == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                entries.Add(new StoreEntry(statement.GetText(0), statement.GetBlob(3), statement.GetInt64(2), statement.GetInt64(1)));
            }
        }
        finally
        {
            statement.Reset();
        }

        bool hasMore = options.Limit > 0 && entries.Count > options.Limit;
        if (hasMore)
        {
            entries.RemoveAt(entries.Count - 1);
        }

        return new StoreListResult(entries, at, hasMore);
    }

    /// <summary>
    /// Up to <paramref name="pageSize"/> events under the range in (<paramref name="after"/>, <paramref name="upTo"/>].
    /// Returns the revision the page covers: <paramref name="upTo"/> unless the page is full.
    /// </summary>
    public static (List<WatchEvent> Events, long Reached) History(
        SqliteConnection connection, KeyRange range, long after, long upTo, int pageSize)
    {
        using var snapshot = new ReadSnapshot(connection);
        (_, long compacted) = ReadState(connection);
        if (after < compacted)
        {
            throw new RevisionCompactedException(after, compacted);
        }

        var events = new List<WatchEvent>();
        SqliteStatement statement = connection.Statement(StoreSchema.History)
            .Bind(1, after)
            .Bind(2, upTo)
            .BindText(3, range.Lower)
            .BindText(4, range.Upper)
            .Bind(5, pageSize);
        try
        {
            while (statement.Step())
            {
                long revision = statement.GetInt64(0);
                long createRevision = statement.GetInt64(2);
                var entry = new StoreEntry(statement.GetText(1), statement.GetBlob(4), createRevision, revision);
                WatchEventType type = statement.GetInt64(3) != 0 ? WatchEventType.Deleted
                    : createRevision == revision ? WatchEventType.Created
                    : WatchEventType.Updated;
                events.Add(new WatchEvent(type, entry));
            }
        }
        finally
        {
            statement.Reset();
        }

        long reached = events.Count == pageSize ? events[^1].Revision : upTo;
        return (events, reached);
    }

    public static (long Revision, long Compacted) ReadState(SqliteConnection connection)
    {
        SqliteStatement statement = connection.Statement(StoreSchema.SelectState);
        try
        {
            if (!statement.Step())
            {
                throw new InvalidOperationException("the state row is missing: not a store database");
            }

            long version = statement.GetInt64(2);
            if (version > StoreSchema.Version)
            {
                throw new InvalidOperationException($"schema version {version} is newer than this build's {StoreSchema.Version}");
            }

            return (statement.GetInt64(0), statement.GetInt64(1));
        }
        finally
        {
            statement.Reset();
        }
    }
}
