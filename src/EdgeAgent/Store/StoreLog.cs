using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>The store's log messages (event ids 2000-2099).</summary>
internal static partial class StoreLog
{
    [LoggerMessage(2000, LogLevel.Information, "Store {Path} opened at schema version {Version}")]
    public static partial void Opened(ILogger logger, string path, int version);

    [LoggerMessage(2001, LogLevel.Information, "Store {Path} migrated from schema version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string path, int from, int to);

    [LoggerMessage(2002, LogLevel.Information, "Evicted module blob {Digest} ({Size} bytes, last used {LastUsed}) to stay within {Budget} bytes")]
    public static partial void BlobEvicted(ILogger logger, string digest, long size, DateTimeOffset lastUsed, long budget);

    [LoggerMessage(2003, LogLevel.Debug, "Desired state version {Version} ignored: version {Stored} is already stored")]
    public static partial void DesiredStale(ILogger logger, long version, long stored);

    [LoggerMessage(2004, LogLevel.Warning, "Checkpointing the write-ahead log of {Path} at close failed")]
    public static partial void CheckpointFailed(ILogger logger, string path, Exception exception);
}
