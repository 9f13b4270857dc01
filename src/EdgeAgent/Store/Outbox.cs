using System.Globalization;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>
/// Reported changes waiting for the cloud, each with a sequence number that only grows. Changes are appended in
/// the same transaction as the state they report; the sync layer peeks them in order, publishes, and acknowledges
/// up to the last sequence the broker confirmed. A crash between publish and acknowledge resends: the cloud side
/// de-duplicates by (device, sequence).
/// </summary>
internal sealed class Outbox
{
    private readonly StoreDatabase _database;
    private readonly Lock _signalGate = new();
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSequence;

    internal Outbox(StoreDatabase database, long lastSequence)
    {
        _database = database;
        _lastSequence = lastSequence;
    }

    /// <summary>Appends one entry on its own; returns its sequence.</summary>
    public Task<long> AppendAsync(OutboxKind kind, string? subject, string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return _database.WriteAsync(Durability.Full, tx => Append(tx, kind, subject, payload), cancellationToken);
    }

    /// <summary>Appends inside the caller's transaction, so the entry commits (or not) with the change it reports.</summary>
    internal long Append(StoreTransaction tx, OutboxKind kind, string? subject, string payload)
    {
        var sequence = Convert.ToInt64(tx.Scalar("UPDATE outbox_state SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq"), CultureInfo.InvariantCulture);
        tx.Execute(
            "INSERT INTO outbox (seq, kind, subject, payload, created_at) VALUES ($seq, $kind, $subject, $payload, $at)",
            ("$seq", sequence), ("$kind", kind.ToString()), ("$subject", subject), ("$payload", payload), ("$at", tx.NowMs));
        tx.AfterCommit(() => Signal(sequence));
        return sequence;
    }

    /// <summary>Up to <paramref name="maxEntries"/> pending entries with a sequence above <paramref name="afterSequence"/>, oldest first.</summary>
    public Task<IReadOnlyList<OutboxEntry>> PeekAsync(int maxEntries, long afterSequence, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        return _database.ReadAsync<IReadOnlyList<OutboxEntry>>(
            tx => tx.Query(
                "SELECT seq, kind, subject, payload, created_at FROM outbox WHERE seq > $after ORDER BY seq LIMIT $max",
                r => new OutboxEntry(
                    r.GetInt64(0),
                    Enum.Parse<OutboxKind>(r.GetString(1)),
                    r.IsDBNull(2) ? null : r.GetString(2),
                    r.GetString(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4))),
                ("$after", afterSequence), ("$max", maxEntries)),
            cancellationToken);
    }

    /// <summary>Up to <paramref name="maxEntries"/> pending entries, oldest first.</summary>
    public Task<IReadOnlyList<OutboxEntry>> PeekAsync(int maxEntries, CancellationToken cancellationToken) =>
        PeekAsync(maxEntries, 0, cancellationToken);

    /// <summary>
    /// Removes every entry up to and including <paramref name="upToSequence"/>. Acknowledging an old sequence again
    /// is a no-op; acknowledging beyond the last appended one is a caller bug and throws.
    /// </summary>
    public Task AcknowledgeAsync(long upToSequence, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(upToSequence);
        // NORMAL: an acknowledgement lost to power loss only makes us resend, and the cloud drops duplicates by sequence.
        return _database.WriteAsync(Durability.Normal, tx =>
        {
            var position = ReadPosition(tx);
            if (upToSequence > position.Last)
            {
                throw new ArgumentOutOfRangeException(nameof(upToSequence), upToSequence, $"only sequences up to {position.Last} were appended");
            }

            if (upToSequence <= position.Acknowledged) return 0;
            tx.Execute("DELETE FROM outbox WHERE seq <= $upTo", ("$upTo", upToSequence));
            return tx.Execute("UPDATE outbox_state SET acked_seq = $upTo WHERE id = 1", ("$upTo", upToSequence));
        }, cancellationToken);
    }

    /// <summary>The last appended and the last acknowledged sequence.</summary>
    public Task<OutboxPosition> GetPositionAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(ReadPosition, cancellationToken);

    /// <summary>Completes once an entry with a sequence above <paramref name="afterSequence"/> has been committed.</summary>
    public async Task WaitForEntriesAsync(long afterSequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task appended;
            lock (_signalGate)
            {
                if (_lastSequence > afterSequence) return;
                appended = _appended.Task;
            }

            await appended.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal static OutboxPosition ReadPosition(StoreTransaction tx) =>
        tx.Query("SELECT last_seq, acked_seq FROM outbox_state WHERE id = 1", r => new OutboxPosition(r.GetInt64(0), r.GetInt64(1)))[0];

    private void Signal(long sequence)
    {
        TaskCompletionSource completed;
        lock (_signalGate)
        {
            if (sequence <= _lastSequence) return;
            _lastSequence = sequence;
            completed = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        completed.TrySetResult();
    }
}
