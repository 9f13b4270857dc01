using EdgeWasm.Protocol.Documents;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Supervision.Running;

/// <summary>Log messages of the workload runner (event ids 2200-2219).</summary>
internal static partial class RunnerLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Workload {Workload} started (run {Run}, module {Digest})")]
    public static partial void Started(ILogger logger, WorkloadId workload, long run, ContentDigest digest);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Workload {Workload} ended: {Reason}, exit code {ExitCode} after {Duration}")]
    public static partial void Ended(ILogger logger, WorkloadId workload, string reason, int exitCode, TimeSpan duration);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Workload {Workload} ended: {Reason}, exit code {ExitCode}: {Detail}")]
    public static partial void Failed(ILogger logger, WorkloadId workload, string reason, int exitCode, string? detail);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Could not store {Count} log lines of workload {Workload}; they are lost")]
    public static partial void LogsLost(ILogger logger, Exception exception, WorkloadId workload, int count);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Workload {Workload} did not stop within {Timeout}; its thread is left to end on its own")]
    public static partial void StopTimedOut(ILogger logger, WorkloadId workload, TimeSpan timeout);
}
