using System.Globalization;
using EdgeWasm.Protocol.Documents;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>
/// Module blobs by sha256 digest, verified on write and on read, with a last-used time for LRU eviction and pins
/// (one per holder, a workload id) that keep a blob in use from being evicted. Pins are persistent: after a reboot
/// the modules of the last applied desired state are still protected, so the agent can restart them offline.
/// </summary>
internal sealed class BlobStore
{
    private readonly StoreDatabase _database;
    private readonly ILogger _logger;

    internal BlobStore(StoreDatabase database, ILogger logger)
    {
        _database = database;
        _logger = logger;
    }

    /// <summary>
    /// Stores <paramref name="content"/> under its digest (a no-op apart from the last-used time when it is there
    /// already), then pins and evicts as <paramref name="options"/> says, all in one transaction.
    /// </summary>
    /// <exception cref="InvalidDataException">The content does not hash to <see cref="BlobPutOptions.ExpectedDigest"/>.</exception>
    /// <exception cref="StorageBudgetExceededException">It cannot fit in the budget; nothing changed.</exception>
    public async Task<BlobPutResult> PutAsync(ReadOnlyMemory<byte> content, BlobPutOptions? options, CancellationToken cancellationToken)
    {
        options ??= new BlobPutOptions();
        if (options.BudgetBytes is { } budgetBytes) ArgumentOutOfRangeException.ThrowIfNegative(budgetBytes, nameof(options));
        var digest = ContentDigest.Compute(content.Span);
        if (options.ExpectedDigest is { } expected && expected != digest)
        {
            throw new InvalidDataException($"content hashes to {digest}, not to the expected {expected}; nothing was stored");
        }

        var size = (long)content.Length;
        var key = digest.Value;
        // FULL: a stored module must still be there after power loss, or an offline reboot could not run it.
        var (result, evicted) = await _database.WriteAsync(Durability.Full, tx =>
        {
            var exists = tx.Scalar("SELECT 1 FROM blobs WHERE digest = $d", ("$d", key)) is not null;
            if (exists)
            {
                tx.Execute("UPDATE blobs SET last_used_at = $at WHERE digest = $d", ("$d", key), ("$at", tx.NowMs));
            }
            else
            {
                if (options.BudgetBytes is { } budget && size > budget) throw new StorageBudgetExceededException(size, budget, PinnedBytes(tx, key));
                tx.Execute(
                    "INSERT INTO blobs (digest, size, created_at, last_used_at) VALUES ($d, $size, $at, $at)",
                    ("$d", key), ("$size", size), ("$at", tx.NowMs));
                tx.Execute("INSERT INTO blob_content (digest, content) VALUES ($d, $c)", ("$d", key), ("$c", content.ToArray()));
            }

            if (options.PinHolder is { } holder) Pin(tx, holder, key);
            var evicted = options.BudgetBytes is { } limit ? EvictWithin(tx, limit, key, exists ? null : size) : [];
            return (new BlobPutResult(digest, size, exists, [.. evicted.Select(e => e.Digest)]), evicted);
        }, cancellationToken).ConfigureAwait(false);

        LogEvictions(evicted, options.BudgetBytes ?? 0);
        return result;
    }

    /// <summary>The content of a blob, checked against its digest; null when it is not stored.</summary>
    /// <exception cref="InvalidDataException">The stored bytes no longer match the digest (disk corruption).</exception>
    public async Task<byte[]?> ReadAsync(ContentDigest digest, CancellationToken cancellationToken)
    {
        var content = await _database.ReadAsync(
            tx => tx.Query("SELECT content FROM blob_content WHERE digest = $d", r => r.GetFieldValue<byte[]>(0), ("$d", digest.Value)).FirstOrDefault(),
            cancellationToken).ConfigureAwait(false);
        if (content is not null && ContentDigest.Compute(content) != digest)
        {
            throw new InvalidDataException($"stored blob {digest} is corrupt: its content hashes to {ContentDigest.Compute(content)}");
        }

        return content;
    }

    /// <summary>A blob's bookkeeping, or null when it is not stored.</summary>
    public Task<BlobInfo?> GetInfoAsync(ContentDigest digest, CancellationToken cancellationToken) =>
        _database.ReadAsync(tx => tx.Query(InfoSql + " WHERE b.digest = $d", ReadInfo, ("$d", digest.Value)).FirstOrDefault(), cancellationToken);

    /// <summary>Every blob, least recently used first.</summary>
    public Task<IReadOnlyList<BlobInfo>> ListAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<BlobInfo>>(tx => tx.Query(InfoSql + " ORDER BY b.last_used_at, b.created_at, b.digest", ReadInfo), cancellationToken);

    /// <summary>The sum of all blob sizes.</summary>
    public Task<long> GetTotalBytesAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(TotalBytes, cancellationToken);

    /// <summary>Pins a stored blob for <paramref name="holder"/> (replacing the holder's previous pin) and marks it used now.</summary>
    /// <exception cref="KeyNotFoundException">The blob is not stored.</exception>
    public async Task PinAsync(ContentDigest digest, string holder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        // A holder that pins this blob already (every workload after an agent restart) only marks it used: the pin row is
        // durable from before, so NORMAL suffices and a restart with many workloads does not wait for an fsync each.
        var held = await _database.ReadAsync(tx => tx.Scalar("SELECT digest FROM blob_pins WHERE holder = $h", ("$h", holder)) as string, cancellationToken).ConfigureAwait(false);
        await _database.WriteAsync(held == digest.Value ? Durability.Normal : Durability.Full, tx =>
        {
            if (tx.Scalar("SELECT 1 FROM blobs WHERE digest = $d", ("$d", digest.Value)) is null)
            {
                throw new KeyNotFoundException($"blob {digest} is not stored, so it cannot be pinned");
            }

            Pin(tx, holder, digest.Value);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases <paramref name="holder"/>'s pin; returns whether it had one. Releasing twice is fine.</summary>
    public Task<bool> UnpinAsync(string holder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        return _database.WriteAsync(Durability.Full, tx => tx.Execute("DELETE FROM blob_pins WHERE holder = $h", ("$h", holder)) > 0, cancellationToken);
    }

    /// <summary>Every pin, by holder.</summary>
    public Task<IReadOnlyList<BlobPin>> ListPinsAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<BlobPin>>(
            tx => tx.Query(
                "SELECT holder, digest, pinned_at FROM blob_pins ORDER BY holder",
                r => new BlobPin(r.GetString(0), ContentDigest.Parse(r.GetString(1)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)))),
            cancellationToken);

    /// <summary>
    /// Evicts least-recently-used unpinned blobs until all blobs fit in <paramref name="budgetBytes"/>, or only pinned
    /// ones are left. Returns the evicted digests.
    /// </summary>
    public async Task<IReadOnlyList<ContentDigest>> EvictAsync(long budgetBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budgetBytes);
        var evicted = await _database.WriteAsync(Durability.Normal, tx => EvictWithin(tx, budgetBytes, keep: null, incoming: null), cancellationToken).ConfigureAwait(false);
        LogEvictions(evicted, budgetBytes);
        return [.. evicted.Select(e => e.Digest)];
    }

    private const string InfoSql =
        "SELECT b.digest, b.size, b.created_at, b.last_used_at, EXISTS (SELECT 1 FROM blob_pins p WHERE p.digest = b.digest) FROM blobs b";

    private static BlobInfo ReadInfo(Microsoft.Data.Sqlite.SqliteDataReader r) => new(
        ContentDigest.Parse(r.GetString(0)),
        r.GetInt64(1),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)),
        r.GetInt64(4) != 0);

    private static void Pin(StoreTransaction tx, string holder, string digest)
    {
        tx.Execute(
            """
            INSERT INTO blob_pins (holder, digest, pinned_at) VALUES ($h, $d, $at)
            ON CONFLICT (holder) DO UPDATE SET digest = excluded.digest, pinned_at = excluded.pinned_at
            """,
            ("$h", holder), ("$d", digest), ("$at", tx.NowMs));
        tx.Execute("UPDATE blobs SET last_used_at = $at WHERE digest = $d", ("$d", digest), ("$at", tx.NowMs));
    }

    private static long TotalBytes(StoreTransaction tx) =>
        Convert.ToInt64(tx.Scalar("SELECT COALESCE(SUM(size), 0) FROM blobs"), CultureInfo.InvariantCulture);

    // Bytes held by pinned blobs other than `except` (the blob being put, which may be pinned in the same transaction).
    private static long PinnedBytes(StoreTransaction tx, string? except) =>
        Convert.ToInt64(
            tx.Scalar("SELECT COALESCE(SUM(size), 0) FROM blobs WHERE digest IN (SELECT digest FROM blob_pins) AND digest IS NOT $except", ("$except", except)),
            CultureInfo.InvariantCulture);

    // Evicts LRU unpinned blobs (never `keep`) until the total fits. When `incoming` is set (a put), not fitting
    // throws, rolling the put back; a plain eviction pass just stops at the pinned floor.
    private static List<BlobInfo> EvictWithin(StoreTransaction tx, long budget, string? keep, long? incoming)
    {
        var total = TotalBytes(tx);
        var evicted = new List<BlobInfo>();
        if (total <= budget) return evicted;
        var candidates = tx.Query(
            InfoSql + " WHERE b.digest NOT IN (SELECT digest FROM blob_pins) AND b.digest IS NOT $keep ORDER BY b.last_used_at, b.created_at, b.digest",
            ReadInfo,
            ("$keep", keep));
        foreach (var candidate in candidates)
        {
            if (total <= budget) break;
            // Content and image references go with the blob (ON DELETE CASCADE); a pin would make this fail (RESTRICT).
            tx.Execute("DELETE FROM blobs WHERE digest = $d", ("$d", candidate.Digest.Value));
            total -= candidate.Size;
            evicted.Add(candidate);
        }

        if (total > budget && incoming is { } size) throw new StorageBudgetExceededException(size, budget, PinnedBytes(tx, keep));
        return evicted;
    }

    private void LogEvictions(List<BlobInfo> evicted, long budget)
    {
        foreach (var blob in evicted)
        {
            StoreLog.BlobEvicted(_logger, blob.Digest.Value, blob.Size, blob.LastUsedAt, budget);
        }
    }
}
