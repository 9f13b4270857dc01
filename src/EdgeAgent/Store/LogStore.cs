using System.Text;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>
/// A ring of log lines per workload, bounded in bytes: a line costs its UTF-8 bytes plus one for the newline, and
/// when a ring is over its capacity the oldest lines go first. The byte count lives next to the lines and changes
/// in the same transaction, so the bound holds after any crash.
/// </summary>
internal sealed class LogStore
{
    private const int TrimBatch = 256;
    private readonly StoreDatabase _database;
    private readonly long _capacity;
    private readonly int _maxLineBytes;

    internal LogStore(StoreDatabase database, long capacity, int maxLineBytes)
    {
        _database = database;
        _capacity = capacity;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>Appends one line stamped with the current time.</summary>
    public Task AppendAsync(WorkloadId workload, LogStream stream, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AppendCoreAsync(workload, tx => [new LogLine(tx.Now, stream, text)], cancellationToken);
    }

    /// <summary>Appends lines in one transaction (batch what a workload writes; one commit per line is slow).</summary>
    public Task AppendAsync(WorkloadId workload, IReadOnlyList<LogLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Count == 0 ? Task.CompletedTask : AppendCoreAsync(workload, _ => lines, cancellationToken);
    }

    private Task<long> AppendCoreAsync(WorkloadId workload, Func<StoreTransaction, IReadOnlyList<LogLine>> lines, CancellationToken cancellationToken)
    {
        var key = workload.ToString();
        // NORMAL: log lines are diagnostics. Power loss may drop the last moments of output; a crash loses nothing committed.
        return _database.WriteAsync(Durability.Normal, tx =>
        {
            var bytes = tx.Scalar("SELECT bytes FROM log_rings WHERE workload = $w", ("$w", key)) as long? ?? 0;
            foreach (var line in lines(tx))
            {
                var text = Truncate(line.Text, _maxLineBytes);
                var size = Encoding.UTF8.GetByteCount(text) + 1L;
                tx.Execute(
                    "INSERT INTO log_lines (workload, ts, stream, line, size) VALUES ($w, $ts, $stream, $line, $size)",
                    ("$w", key), ("$ts", line.Timestamp.ToUnixTimeMilliseconds()), ("$stream", (int)line.Stream), ("$line", text), ("$size", size));
                bytes += size;
            }

            if (bytes > _capacity) bytes -= TrimOldest(tx, key, bytes - _capacity);
            tx.Execute(
                """
                INSERT INTO log_rings (workload, bytes, capacity) VALUES ($w, $bytes, $cap)
                ON CONFLICT (workload) DO UPDATE SET bytes = excluded.bytes, capacity = excluded.capacity
                """,
                ("$w", key), ("$bytes", bytes), ("$cap", _capacity));
            return bytes;
        }, cancellationToken);
    }

    // Deletes the oldest lines until at least `excess` bytes are gone; returns how many bytes went.
    private static long TrimOldest(StoreTransaction tx, string workload, long excess)
    {
        long removed = 0, lastId = 0;
        while (removed < excess)
        {
            var batch = tx.Query(
                "SELECT id, size FROM log_lines WHERE workload = $w AND id > $after ORDER BY id LIMIT $n",
                r => (Id: r.GetInt64(0), Size: r.GetInt64(1)),
                ("$w", workload), ("$after", lastId), ("$n", TrimBatch));
            if (batch.Count == 0) break;
            foreach (var (id, size) in batch)
            {
                removed += size;
                lastId = id;
                if (removed >= excess) break;
            }
        }

        tx.Execute("DELETE FROM log_lines WHERE workload = $w AND id <= $last", ("$w", workload), ("$last", lastId));
        return removed;
    }

    /// <summary>Reads lines oldest first, filtered as <paramref name="query"/> says.</summary>
    public Task<IReadOnlyList<LogLine>> ReadAsync(WorkloadId workload, LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.TailLines is < 0) throw new ArgumentOutOfRangeException(nameof(query), query.TailLines, "TailLines must not be negative");
        if (query.LimitBytes is < 1) throw new ArgumentOutOfRangeException(nameof(query), query.LimitBytes, "LimitBytes must be positive");
        return _database.ReadAsync<IReadOnlyList<LogLine>>(tx =>
        {
            var newestFirst = tx.Query(
                "SELECT ts, stream, line FROM log_lines WHERE workload = $w AND ts >= $since ORDER BY id DESC LIMIT $tail",
                r => new LogLine(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), (LogStream)r.GetInt32(1), r.GetString(2)),
                ("$w", workload.ToString()),
                ("$since", query.Since?.ToUnixTimeMilliseconds() ?? long.MinValue),
                ("$tail", query.TailLines ?? -1)); // LIMIT -1 is "no limit" in SQLite
            newestFirst.Reverse();
            return query.LimitBytes is { } limit ? LimitBytes(newestFirst, limit) : newestFirst;
        }, cancellationToken);
    }

    private static List<LogLine> LimitBytes(List<LogLine> lines, long limit)
    {
        var result = new List<LogLine>();
        var left = limit;
        foreach (var line in lines)
        {
            var size = Encoding.UTF8.GetByteCount(line.Text) + 1L;
            if (size <= left)
            {
                result.Add(line);
                left -= size;
                if (left == 0) break;
                continue;
            }

            result.Add(line with { Text = Truncate(line.Text, (int)left) });
            break;
        }

        return result;
    }

    /// <summary>How many bytes and lines a workload's ring holds.</summary>
    public Task<LogRingUsage> GetUsageAsync(WorkloadId workload, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            tx =>
            {
                var key = workload.ToString();
                var bytes = tx.Scalar("SELECT bytes FROM log_rings WHERE workload = $w", ("$w", key)) as long? ?? 0;
                var lines = tx.Scalar("SELECT COUNT(*) FROM log_lines WHERE workload = $w", ("$w", key)) as long? ?? 0;
                return new LogRingUsage(bytes, _capacity, lines);
            },
            cancellationToken);

    /// <summary>Drops a workload's ring (when the workload is removed). Deleting twice is fine.</summary>
    public Task DeleteAsync(WorkloadId workload, CancellationToken cancellationToken)
    {
        var key = workload.ToString();
        return _database.WriteAsync(Durability.Normal, tx =>
        {
            tx.Execute("DELETE FROM log_lines WHERE workload = $w", ("$w", key));
            return tx.Execute("DELETE FROM log_rings WHERE workload = $w", ("$w", key));
        }, cancellationToken);
    }

    // Cuts text to at most maxBytes of UTF-8 without splitting a character.
    private static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var bytes = Encoding.UTF8.GetBytes(text);
        var end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) end--;
        return Encoding.UTF8.GetString(bytes, 0, end);
    }
}
