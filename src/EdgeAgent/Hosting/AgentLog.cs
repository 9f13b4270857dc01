using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>Log messages of the agent host (event ids 2400-2449).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 2400, Level = LogLevel.Information, Message = "Agent {Version} for device {DeviceId} (profile {Profile}) with data in {DataDirectory}; desired state from {Source}")]
    public static partial void Starting(ILogger logger, string version, string deviceId, string profile, string dataDirectory, string source);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Announced device info: {Arch}, {CpuMillis}m CPU, {MemoryBytes} bytes, {Pods} workloads")]
    public static partial void DeviceAnnounced(ILogger logger, string arch, int cpuMillis, long memoryBytes, int pods);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Information, Message = "Stored desired version {Version} from {File}")]
    public static partial void DesiredFileStored(ILogger logger, long version, string file);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Information, Message = "Desired version {Version} in {File} is not newer than the applied one; nothing to do")]
    public static partial void DesiredFileNotNewer(ILogger logger, long version, string file);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Error, Message = "Refused {File}: {Reason}")]
    public static partial void DesiredFileRefused(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Warning, Message = "Desired file {File} does not exist (yet); running the stored desired state")]
    public static partial void DesiredFileMissing(ILogger logger, string file);

    [LoggerMessage(EventId = 2406, Level = LogLevel.Information, Message = "Agent stopped")]
    public static partial void Stopped(ILogger logger);
}
