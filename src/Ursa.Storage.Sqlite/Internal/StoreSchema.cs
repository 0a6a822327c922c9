namespace Ursa.Storage.Sqlite.Internal;

/// <summary>
/// The on-disk layout. History is one append-only log, kine-style, so that point-in-time lists (consistent
/// paging) and watches from a past revision read the same rows:
/// <code>
///   log(rev PK, key, create_rev, prev_rev, deleted, value)   one row per write; a delete row keeps the last value
///   log_key_rev(key, rev)                                    "newest row of key at or before rev" for past lists
///   live(key PK, rev, create_rev)                            the newest row of every existing key
///   state(rev, compact_rev)                                  newest revision and compaction point, both durable
/// </code>
/// <c>live</c> costs one small B-tree write per write (key + two integers, no value) and buys the hot reads:
/// a Get is two primary-key lookups and a List at the newest revision streams <c>live</c> in key order with
/// LIMIT, instead of visiting every historical version of every key as kine's GROUP BY does. It also serves
/// the writer's precondition checks. <c>state.rev</c> is kept because the log alone cannot say the newest
/// revision once compaction has removed a trailing delete row; revisions must never be reused after restart.
/// Keys are TEXT compared with memcmp (BINARY collation), i.e. in UTF-8 byte order, which makes a prefix an
/// exact half-open range [prefix, prefix with its last byte + 1).
/// </summary>
internal static class StoreSchema
{
    /// <summary>Bumped when the layout changes; a newer file is refused rather than misread.</summary>
    public const long Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS log (
            rev INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            create_rev INTEGER NOT NULL,
            prev_rev INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            value BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS log_key_rev ON log (key, rev);
        CREATE TABLE IF NOT EXISTS live (
            key TEXT PRIMARY KEY,
            rev INTEGER NOT NULL,
            create_rev INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            rev INTEGER NOT NULL,
            compact_rev INTEGER NOT NULL,
            schema_version INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO state (id, rev, compact_rev, schema_version) VALUES (1, 0, 0, 1);
        """;

    public const string SelectState = "SELECT rev, compact_rev, schema_version FROM state WHERE id = 1";

    public const string UpdateRevision = "UPDATE state SET rev = ?1 WHERE id = 1";

    public const string UpdateCompactRevision = "UPDATE state SET compact_rev = ?1 WHERE id = 1";

    public const string SelectLive = "SELECT rev, create_rev FROM live WHERE key = ?1";

    public const string UpsertLive = "INSERT OR REPLACE INTO live (key, rev, create_rev) VALUES (?1, ?2, ?3)";

    public const string DeleteLive = "DELETE FROM live WHERE key = ?1";

    public const string InsertLog = """
        INSERT INTO log (rev, key, create_rev, prev_rev, deleted, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        """;

    public const string SelectValue = "SELECT value FROM log WHERE rev = ?1";

    public const string GetLatest = """
        SELECT l.rev, l.create_rev, l.value FROM live v JOIN log l ON l.rev = v.rev WHERE v.key = ?1
        """;

    /// <summary>
    /// The newest revision: keys in ?1 (lower bound, inclusive or exclusive per <paramref name="inclusive"/>) to
    /// ?2 (exclusive upper bound), at most ?3 (-1: no limit). One lower bound, not "key >= prefix AND key > after":
    /// given two, SQLite seeks with one and filters with the other, which made every page of a paged list
    /// rescan from the start of the prefix (O(n^2): 2.6 s for 127k keys in pages of 500).
    /// </summary>
    public static string ListLatest(bool inclusive) => inclusive ? ListLatestFrom : ListLatestAfter;

    /// <summary>As <see cref="ListLatest"/> at revision ?4: per key, the newest row at or before ?4 unless it is a delete.</summary>
    public static string ListAtRevision(bool inclusive) => inclusive ? ListAtRevisionFrom : ListAtRevisionAfter;

    private const string ListLatestFrom = """
        SELECT v.key, l.rev, l.create_rev, l.value
        FROM live v JOIN log l ON l.rev = v.rev
        WHERE v.key >= ?1 AND v.key < ?2
        ORDER BY v.key
        LIMIT ?3
        """;

    private const string ListLatestAfter = """
        SELECT v.key, l.rev, l.create_rev, l.value
        FROM live v JOIN log l ON l.rev = v.rev
        WHERE v.key > ?1 AND v.key < ?2
        ORDER BY v.key
        LIMIT ?3
        """;

    private const string ListAtRevisionFrom = """
        SELECT l.key, l.rev, l.create_rev, l.value
        FROM log l
        WHERE l.key >= ?1 AND l.key < ?2
          AND l.rev = (SELECT MAX(h.rev) FROM log h WHERE h.key = l.key AND h.rev <= ?4)
          AND l.deleted = 0
        ORDER BY l.key
        LIMIT ?3
        """;

    private const string ListAtRevisionAfter = """
        SELECT l.key, l.rev, l.create_rev, l.value
        FROM log l
        WHERE l.key > ?1 AND l.key < ?2
          AND l.rev = (SELECT MAX(h.rev) FROM log h WHERE h.key = l.key AND h.rev <= ?4)
          AND l.deleted = 0
        ORDER BY l.key
        LIMIT ?3
        """;

    /// <summary>Events in (?1, ?2] under the prefix range [?3, ?4), oldest first, at most ?5.</summary>
    public const string History = """
        SELECT rev, key, create_rev, deleted, value
        FROM log
        WHERE rev > ?1 AND rev <= ?2 AND key >= ?3 AND key < ?4
        ORDER BY rev
        LIMIT ?5
        """;

    /// <summary>
    /// Compaction of (?1, ?2]: every row superseded by a row in that range (its prev_rev), then the delete rows
    /// in it. Rows superseded earlier went in earlier compactions, so after this no row at or before ?2 is
    /// kept except the newest of each live key, and the state at every revision >= ?2 is intact.
    /// </summary>
    public const string CompactSuperseded = """
        DELETE FROM log WHERE rev IN (SELECT prev_rev FROM log WHERE rev > ?1 AND rev <= ?2 AND prev_rev > 0)
        """;

    public const string CompactDeleted = "DELETE FROM log WHERE rev > ?1 AND rev <= ?2 AND deleted = 1";
}
