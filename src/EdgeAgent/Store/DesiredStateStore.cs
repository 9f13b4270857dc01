using System.Globalization;
using System.Text.Json;
using EdgeWasm.Protocol.Documents;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>
/// The last applied desired document, kept so that an offline reboot resumes it. Versions only move forward:
/// a document whose version is not above the stored one is ignored (MQTT redelivers retained documents).
/// </summary>
internal sealed class DesiredStateStore
{
    private readonly StoreDatabase _database;
    private readonly Outbox _outbox;
    private readonly ILogger _logger;

    internal DesiredStateStore(StoreDatabase database, Outbox outbox, ILogger logger)
    {
        _database = database;
        _outbox = outbox;
        _logger = logger;
    }

    /// <summary>
    /// Stores <paramref name="desired"/> as the applied document and reports its version through the outbox, in one
    /// transaction. Returns false, changing nothing, when the stored version is the same or newer.
    /// </summary>
    public Task<bool> SaveAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var json = JsonSerializer.Serialize(desired, ProtocolJsonContext.Default.DesiredState);
        return _database.WriteAsync(Durability.Full, tx =>
        {
            if (tx.Scalar("SELECT version FROM desired_state WHERE id = 1") is long stored && stored >= desired.Version)
            {
                StoreLog.DesiredStale(_logger, desired.Version, stored);
                return false;
            }

            tx.Execute(
                """
                INSERT INTO desired_state (id, version, document, saved_at) VALUES (1, $v, $doc, $at)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, document = excluded.document, saved_at = excluded.saved_at
                """,
                ("$v", desired.Version), ("$doc", json), ("$at", tx.NowMs));
            _outbox.Append(tx, OutboxKind.AppliedVersion, null, desired.Version.ToString(CultureInfo.InvariantCulture));
            return true;
        }, cancellationToken);
    }

    /// <summary>The stored document, or null before the first one.</summary>
    public Task<StoredDesiredState?> LoadAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(
            tx => tx.Query(
                "SELECT document, saved_at FROM desired_state WHERE id = 1",
                r => new StoredDesiredState(
                    JsonSerializer.Deserialize(r.GetString(0), ProtocolJsonContext.Default.DesiredState)
                        ?? throw new StoreException("the stored desired document is the JSON literal null"),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)))).FirstOrDefault(),
            cancellationToken);

    /// <summary>The stored version, or 0 before the first document.</summary>
    public Task<long> GetVersionAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(tx => tx.Scalar("SELECT version FROM desired_state WHERE id = 1") as long? ?? 0, cancellationToken);
}
