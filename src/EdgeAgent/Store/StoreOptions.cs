namespace EdgeWasm.EdgeAgent.Store;

/// <summary>Where the store lives and how large its log rings are. Bound from the "Store" configuration section.</summary>
internal sealed class StoreOptions
{
    /// <summary>The SQLite file, e.g. <c>/var/lib/edgewasm/agent.db</c>. Its folder is created when missing.</summary>
    public string Path { get; set; } = "";

    /// <summary>Bytes of log text kept per workload; the oldest lines are dropped first.</summary>
    public long LogRingBytes { get; set; } = 1024 * 1024;

    /// <summary>A longer log line is cut to this many bytes, as container runtimes split long lines.</summary>
    public int MaxLogLineBytes { get; set; } = 16 * 1024;

    /// <summary>How long a connection waits for a lock before failing with SQLITE_BUSY.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the bad value.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path)) throw new ArgumentException("Store:Path is required", nameof(Path));
        ArgumentOutOfRangeException.ThrowIfLessThan(LogRingBytes, 1024, nameof(LogRingBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLogLineBytes, 16, nameof(MaxLogLineBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)MaxLogLineBytes, LogRingBytes, nameof(MaxLogLineBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(BusyTimeout, TimeSpan.FromMilliseconds(1), nameof(BusyTimeout));
    }
}
