namespace EdgeWasm.EdgeAgent.Store;

/// <summary>Which lines to read, with kubectl logs' meaning: lines at or after <see cref="Since"/>, then the last
/// <see cref="TailLines"/> of those, then at most <see cref="LimitBytes"/> bytes of output counted from the first.</summary>
internal sealed record LogQuery
{
    /// <summary>Everything in the ring.</summary>
    public static LogQuery All { get; } = new();

    /// <summary>Only the last N lines (--tail).</summary>
    public int? TailLines { get; init; }

    /// <summary>Stop after this many bytes of output, each line counting its UTF-8 bytes plus a newline (--limit-bytes).
    /// The line that crosses the limit is cut, as the kubelet does.</summary>
    public long? LimitBytes { get; init; }

    /// <summary>Only lines written at or after this time (--since, --since-time).</summary>
    public DateTimeOffset? Since { get; init; }
}
