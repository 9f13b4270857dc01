using Microsoft.Data.Sqlite;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>
/// The store's schema and its migrations. The version lives in SQLite's <c>PRAGMA user_version</c>; migration
/// <c>i</c> takes a database from version <c>i</c> to <c>i + 1</c>, inside one transaction together with the version
/// bump, so a crash mid-migration leaves the old version intact. Never edit a shipped migration: append one.
/// </summary>
internal static class StoreSchema
{
    /// <summary>The migrations this agent knows, oldest first.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 0 -> 1: the first schema. Times are Unix milliseconds (UTC); digests are "sha256:<hex>".
        """
        CREATE TABLE metadata (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        -- Blob bookkeeping is kept apart from the content: touching last_used_at must not rewrite megabytes.
        CREATE TABLE blobs (
            digest       TEXT PRIMARY KEY,
            size         INTEGER NOT NULL CHECK (size >= 0),
            created_at   INTEGER NOT NULL,
            last_used_at INTEGER NOT NULL
        );
        CREATE INDEX blobs_by_last_use ON blobs (last_used_at);
        CREATE TABLE blob_content (
            digest  TEXT PRIMARY KEY REFERENCES blobs (digest) ON DELETE CASCADE,
            content BLOB NOT NULL
        );
        -- One pin per holder (a workload id); a pinned blob cannot be deleted (RESTRICT backs up the evictor).
        CREATE TABLE blob_pins (
            holder    TEXT PRIMARY KEY,
            digest    TEXT NOT NULL REFERENCES blobs (digest) ON DELETE RESTRICT,
            pinned_at INTEGER NOT NULL
        );
        CREATE INDEX blob_pins_by_digest ON blob_pins (digest);
        -- What an image reference (by tag or by digest) resolved to, so a cache hit needs no registry.
        CREATE TABLE image_refs (
            reference       TEXT PRIMARY KEY,
            manifest_digest TEXT NOT NULL,
            blob_digest     TEXT NOT NULL REFERENCES blobs (digest) ON DELETE CASCADE,
            resolved_at     INTEGER NOT NULL
        );
        CREATE INDEX image_refs_by_blob ON image_refs (blob_digest);

        CREATE TABLE desired_state (
            id       INTEGER PRIMARY KEY CHECK (id = 1),
            version  INTEGER NOT NULL,
            document TEXT NOT NULL,
            saved_at INTEGER NOT NULL
        );

        -- The sequence counter is its own row: it survives an empty outbox, so sequences never go backwards.
        CREATE TABLE outbox_state (
            id        INTEGER PRIMARY KEY CHECK (id = 1),
            last_seq  INTEGER NOT NULL,
            acked_seq INTEGER NOT NULL,
            CHECK (0 <= acked_seq AND acked_seq <= last_seq)
        );
        INSERT INTO outbox_state (id, last_seq, acked_seq) VALUES (1, 0, 0);
        CREATE TABLE outbox (
            seq        INTEGER PRIMARY KEY,
            kind       TEXT NOT NULL,
            subject    TEXT,
            payload    TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );

        CREATE TABLE workload_status (
            workload   TEXT PRIMARY KEY,
            status     TEXT NOT NULL,
            outbox_seq INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );

        CREATE TABLE log_rings (
            workload TEXT PRIMARY KEY,
            bytes    INTEGER NOT NULL,
            capacity INTEGER NOT NULL,
            CHECK (0 <= bytes AND bytes <= capacity)
        );
        CREATE TABLE log_lines (
            id       INTEGER PRIMARY KEY AUTOINCREMENT,
            workload TEXT NOT NULL,
            ts       INTEGER NOT NULL,
            stream   INTEGER NOT NULL,
            line     TEXT NOT NULL,
            size     INTEGER NOT NULL
        );
        CREATE INDEX log_lines_by_workload ON log_lines (workload, id);
        """,
    ];

    /// <summary>The version a database has after every known migration.</summary>
    public static int CurrentVersion => Migrations.Count;

    /// <summary>Reads <c>PRAGMA user_version</c>.</summary>
    public static int ReadVersion(SqliteConnection connection) =>
        Convert.ToInt32(Sql.Scalar(connection, null, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Brings the database up to the last of <paramref name="migrations"/>; returns the version it started from.
    /// A database newer than this agent is refused rather than guessed at.
    /// </summary>
    public static int Migrate(SqliteConnection connection, IReadOnlyList<string> migrations)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(migrations);
        var from = ReadVersion(connection);
        if (from > migrations.Count)
        {
            throw new StoreException(
                $"the store's schema version is {from}, newer than the {migrations.Count} this agent knows; use a newer agent or another data directory");
        }

        for (var version = from; version < migrations.Count; version++)
        {
            using var transaction = connection.BeginTransaction();
            Sql.Execute(connection, transaction, migrations[version]);
            // PRAGMA takes no parameters; the value is an int we computed.
            Sql.Execute(connection, transaction, "PRAGMA user_version = " + (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            transaction.Commit();
        }

        return from;
    }
}
