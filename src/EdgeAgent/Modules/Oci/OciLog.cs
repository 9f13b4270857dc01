using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Modules.Oci;

/// <summary>The OCI client's log messages (event ids 2100-2149).</summary>
internal static partial class OciLog
{
    [LoggerMessage(2100, LogLevel.Debug, "Fetched a registry token from {Realm} for {Scope}, valid {Seconds} s")]
    public static partial void TokenFetched(ILogger logger, string realm, string scope, double seconds);

    [LoggerMessage(2101, LogLevel.Debug, "{Method} {Uri} answered {Status}")]
    public static partial void Request(ILogger logger, string method, Uri uri, int status);

    [LoggerMessage(2102, LogLevel.Information, "Pulled manifest {Digest} ({MediaType}) for {Image}")]
    public static partial void ManifestPulled(ILogger logger, string image, string digest, string mediaType);

    [LoggerMessage(2103, LogLevel.Information, "Index {Image} resolved to platform {Platform}, manifest {Digest}")]
    public static partial void PlatformSelected(ILogger logger, string image, string platform, string digest);

    [LoggerMessage(2104, LogLevel.Information, "Downloaded blob {Digest} ({Size} bytes) of {Image}")]
    public static partial void BlobPulled(ILogger logger, string image, string digest, long size);

    [LoggerMessage(2105, LogLevel.Information, "Uploaded blob {Digest} ({Size} bytes) to {Image}")]
    public static partial void BlobPushed(ILogger logger, string image, string digest, long size);

    [LoggerMessage(2106, LogLevel.Debug, "Blob {Digest} is already in {Image}; upload skipped")]
    public static partial void BlobExists(ILogger logger, string image, string digest);

    [LoggerMessage(2107, LogLevel.Information, "Pushed manifest {Digest} to {Image}")]
    public static partial void ManifestPushed(ILogger logger, string image, string digest);
}
