using System.Runtime.CompilerServices;
using Ursa.Storage.Sqlite.Internal;

namespace Ursa.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Subscribe first, then read history, then drain live events:
    /// <code>
    ///   1. subscribe (live events from now on are buffered)
    ///   2. caughtUp = committed revision      (every event after it is in the buffer)
    ///   3. replay (delivered, caughtUp] from the log, page by page
    ///   4. drain the buffer, skipping revisions &lt;= delivered (committed between 1 and 2)
    ///   5. buffer overflowed? go to 1 with the same 'delivered' (catch up from the log again)
    /// </code>
    /// </remarks>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(
        string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        ThrowIfDisposed();
        KeyRange range = KeyRange.ForPrefix(prefix);
        long delivered = afterRevision;
        if (delivered < _writer.CompactedRevision)
        {
            throw new RevisionCompactedException(delivered, _writer.CompactedRevision);
        }

        long reported = afterRevision;
        while (true)
        {
            using WatchSubscription subscription = _hub.Subscribe(range, _options.WatchBufferSize);
            long caughtUp = _writer.CommittedRevision;
            while (delivered < caughtUp)
            {
                long after = delivered;
                (List<WatchEvent> events, long reached) = await ReadAsync(
                    connection => StoreReader.History(connection, range, after, caughtUp, _options.WatchHistoryPageSize),
                    cancellationToken).ConfigureAwait(false);
                foreach (WatchEvent watchEvent in events)
                {
                    reported = watchEvent.Revision;
                    yield return watchEvent;
                }

                delivered = reached;
            }

            if (delivered > reported)
            {
                // Caught up with history that held nothing more for this prefix: say how far that is.
                reported = delivered;
                yield return new WatchEvent(WatchEventType.Progress, new StoreEntry(string.Empty, ReadOnlyMemory<byte>.Empty, 0, delivered));
            }

            while (await subscription.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (subscription.Reader.TryRead(out WatchEvent? watchEvent))
                {
                    if (watchEvent.Revision <= delivered)
                    {
                        continue;
                    }

                    delivered = watchEvent.Revision;
                    reported = delivered;
                    yield return watchEvent;
                }
            }

            // The buffer ended without an error: it overflowed, and everything it held has been delivered.
            LogWatchOverflow(_logger, prefix, delivered);
        }
    }
}
