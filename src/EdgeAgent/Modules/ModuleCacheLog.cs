using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Modules;

/// <summary>The module cache's log messages (event ids 2150-2199).</summary>
internal static partial class ModuleCacheLog
{
    [LoggerMessage(2150, LogLevel.Debug, "Module for {Image} served from the cache: blob {Digest}")]
    public static partial void CacheHit(ILogger logger, string image, string digest);

    [LoggerMessage(2151, LogLevel.Information, "Module for {Image} ({ImageDigest}) is cached already: blob {Digest}")]
    public static partial void Revalidated(ILogger logger, string image, string imageDigest, string digest);

    [LoggerMessage(2152, LogLevel.Information, "Module for {Image} ({ImageDigest}) downloaded: blob {Digest}, {Size} bytes")]
    public static partial void Downloaded(ILogger logger, string image, string imageDigest, string digest, long size);

    [LoggerMessage(2153, LogLevel.Warning, "Registry unreachable for {Image} (pull policy Always); running the cached blob {Digest} resolved at {ResolvedAt}")]
    public static partial void StaleCache(ILogger logger, string image, string digest, DateTimeOffset resolvedAt, Exception exception);
}
