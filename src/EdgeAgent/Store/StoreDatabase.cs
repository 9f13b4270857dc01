using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>
/// The SQLite file behind the store: one writer connection behind a gate (SQLite allows one writer at a time
/// anyway, and a single connection lets us switch <c>synchronous</c> per transaction), and pooled read-only
/// connections for readers, which WAL lets run alongside the writer.
/// </summary>
internal sealed class StoreDatabase : IAsyncDisposable
{
    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteConnection _writer;
    private readonly string _readConnectionString;
    private readonly int _busyTimeoutMs;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Durability _durability = Durability.Full;
    private bool _disposed;

    private StoreDatabase(string path, SqliteConnection writer, string readConnectionString, int busyTimeoutMs, TimeProvider time, ILogger logger)
    {
        Path = path;
        _writer = writer;
        _readConnectionString = readConnectionString;
        _busyTimeoutMs = busyTimeoutMs;
        _time = time;
        _logger = logger;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The schema version after opening.</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>Opens (creating when missing) and migrates the database at <paramref name="path"/>.</summary>
    public static StoreDatabase Open(string path, TimeSpan busyTimeout, TimeProvider time, ILogger logger, IReadOnlyList<string>? migrations = null)
    {
        _ = NativeLibrary.Value;
        path = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(path);
        if (folder is not null) Directory.CreateDirectory(folder);

        var busyMs = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 1, int.MaxValue);
        var common = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            DefaultTimeout = Math.Max(1, busyMs / 1000),
        };
        // The writer is not pooled: disposing the store must really close the file.
        var writerString = new SqliteConnectionStringBuilder(common.ConnectionString) { Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ConnectionString;
        var readString = new SqliteConnectionStringBuilder(common.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ConnectionString;

        var writer = new SqliteConnection(writerString);
        try
        {
            writer.Open();
            // WAL: readers never block the writer and a commit is one append to the log. The mode is persistent in the file.
            var mode = Sql.Scalar(writer, null, "PRAGMA journal_mode = WAL") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StoreException($"could not switch {path} to WAL mode (journal_mode is '{mode}'); is the file on a network filesystem?");
            }

            // FULL is the writer's resting level; only writes that may be lost on power loss lower it (see Durability).
            Sql.Execute(writer, null, "PRAGMA synchronous = FULL");
            Sql.Execute(writer, null, "PRAGMA foreign_keys = ON");
            Sql.Execute(writer, null, "PRAGMA busy_timeout = " + busyMs.ToString(CultureInfo.InvariantCulture));

            var database = new StoreDatabase(path, writer, readString, busyMs, time, logger);
            var known = migrations ?? StoreSchema.Migrations;
            var from = StoreSchema.Migrate(writer, known);
            database.SchemaVersion = known.Count;
            if (from != known.Count) StoreLog.Migrated(logger, path, from, known.Count);
            StoreLog.Opened(logger, path, known.Count);
            return database;
        }
        catch (SqliteException ex)
        {
            writer.Dispose();
            throw new StoreException($"cannot open the store at {path}: {ex.Message}", ex);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE) at the given durability and commits it.
    /// An exception rolls everything back. Actions queued with <see cref="StoreTransaction.AfterCommit"/> run after the commit.
    /// </summary>
    public async Task<T> WriteAsync<T>(Durability durability, Func<StoreTransaction, T> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        StoreTransaction session;
        T result;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SetDurability(durability);
            using var transaction = _writer.BeginTransaction(deferred: false);
            session = new StoreTransaction(_writer, transaction, _time.GetUtcNow());
            result = work(session);
            transaction.Commit();
        }
        finally
        {
            _writeGate.Release();
        }

        session.RunAfterCommit();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> on a read-only connection inside one read transaction, so it sees a single snapshot.</summary>
    public Task<T> ReadAsync<T>(Func<StoreTransaction, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        Sql.Execute(connection, null, "PRAGMA busy_timeout = " + _busyTimeoutMs.ToString(CultureInfo.InvariantCulture));
        using var transaction = connection.BeginTransaction(deferred: true);
        var result = work(new StoreTransaction(connection, transaction, _time.GetUtcNow()));
        transaction.Commit();
        return Task.FromResult(result);
    }

    private void SetDurability(Durability durability)
    {
        if (durability == _durability) return;
        Sql.Execute(_writer, null, durability == Durability.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        _durability = durability;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            try
            {
                // Folding the WAL back into the main file keeps the -wal file from lingering at its high-water size.
                Sql.Execute(_writer, null, "PRAGMA wal_checkpoint(TRUNCATE)");
            }
            catch (SqliteException ex)
            {
                StoreLog.CheckpointFailed(_logger, Path, ex);
            }

            await _writer.DisposeAsync().ConfigureAwait(false);
            using var pooled = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
