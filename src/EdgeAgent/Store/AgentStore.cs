using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>
/// The agent's durable state in one SQLite file (WAL mode): module blobs, the last applied desired document,
/// workload status, the outbox of reported changes, log rings and metadata. Each part is a small class over the
/// same database; a change and the outbox entry that reports it always commit together.
/// </summary>
internal sealed class AgentStore : IAsyncDisposable
{
    private readonly StoreDatabase _database;

    private AgentStore(StoreDatabase database, StoreOptions options, long lastSequence, ILogger logger)
    {
        _database = database;
        Outbox = new Outbox(database, lastSequence);
        Blobs = new BlobStore(database, logger);
        Images = new ImageResolutionStore(database);
        Desired = new DesiredStateStore(database, Outbox, logger);
        Workloads = new WorkloadStatusStore(database, Outbox);
        Logs = new LogStore(database, options.LogRingBytes, options.MaxLogLineBytes);
        Metadata = new MetadataStore(database);
    }

    /// <summary>The database file.</summary>
    public string Path => _database.Path;

    /// <summary>The schema version the file is at.</summary>
    public int SchemaVersion => _database.SchemaVersion;

    /// <summary>Module blobs by digest, pins and LRU eviction.</summary>
    public BlobStore Blobs { get; }

    /// <summary>What image references resolved to.</summary>
    public ImageResolutionStore Images { get; }

    /// <summary>The last applied desired document.</summary>
    public DesiredStateStore Desired { get; }

    /// <summary>Current workload status (each change also goes to the outbox).</summary>
    public WorkloadStatusStore Workloads { get; }

    /// <summary>Reported changes waiting for delivery.</summary>
    public Outbox Outbox { get; }

    /// <summary>Per-workload log rings.</summary>
    public LogStore Logs { get; }

    /// <summary>Key/value facts.</summary>
    public MetadataStore Metadata { get; }

    /// <summary>Opens (creating and migrating as needed) the store that <paramref name="options"/> points at.</summary>
    public static async Task<AgentStore> OpenAsync(StoreOptions options, TimeProvider time, ILogger<AgentStore>? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        ILogger log = logger ?? NullLogger<AgentStore>.Instance;
        var database = StoreDatabase.Open(options.Path, options.BusyTimeout, time, log);
        try
        {
            var position = await database.ReadAsync(Outbox.ReadPosition, cancellationToken).ConfigureAwait(false);
            return new AgentStore(database, options, position.Last, log);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SQLite's <c>PRAGMA integrity_check</c>: an empty list when the file is sound, else its complaints.</summary>
    public Task<IReadOnlyList<string>> CheckIntegrityAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<string>>(
            tx =>
            {
                var rows = tx.Query("PRAGMA integrity_check", r => r.GetString(0));
                return rows is ["ok"] ? [] : rows;
            },
            cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
