using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.Protocol.Documents;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Supervision.Loops;

/// <summary>Log messages of the supervisor's loops (event ids 2220-2269).</summary>
internal static partial class SupervisorLog
{
    [LoggerMessage(EventId = 2220, Level = LogLevel.Information, Message = "Applying desired version {Version} ({Workloads} workloads)")]
    public static partial void DesiredApplied(ILogger logger, long version, int workloads);

    [LoggerMessage(EventId = 2221, Level = LogLevel.Error, Message = "Refused desired version {Version}; still running version {Running}: {Errors}")]
    public static partial void DesiredRejected(ILogger logger, long version, long running, string errors);

    [LoggerMessage(EventId = 2222, Level = LogLevel.Error, Message = "A reconcile pass failed; the next one retries")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2223, Level = LogLevel.Error, Message = "Command {Command} failed; the next pass retries")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string command);

    [LoggerMessage(EventId = 2224, Level = LogLevel.Warning, Message = "Could not fetch {Image} for {Workload} (attempt {Attempt}): {Reason}")]
    public static partial void PullFailed(ILogger logger, string image, WorkloadId workload, int attempt, string reason);

    [LoggerMessage(EventId = 2225, Level = LogLevel.Information, Message = "Module {Digest} of {Image} ready for {Workload} (from {Source})")]
    public static partial void Pulled(ILogger logger, ContentDigest digest, string image, WorkloadId workload, ModuleSource source);

    [LoggerMessage(EventId = 2226, Level = LogLevel.Warning, Message = "Workload {Workload} not admitted: {Reason}")]
    public static partial void NotAdmitted(ILogger logger, WorkloadId workload, string reason);

    [LoggerMessage(EventId = 2227, Level = LogLevel.Information, Message = "Stopping workload {Workload}: {Why}")]
    public static partial void Stopping(ILogger logger, WorkloadId workload, string why);

    [LoggerMessage(EventId = 2228, Level = LogLevel.Information, Message = "Removed workload {Workload}: {Why}")]
    public static partial void Removed(ILogger logger, WorkloadId workload, string why);

    [LoggerMessage(EventId = 2229, Level = LogLevel.Information, Message = "Released {Count} module pins of workloads no longer wanted")]
    public static partial void StalePinsReleased(ILogger logger, int count);

    [LoggerMessage(EventId = 2230, Level = LogLevel.Warning, Message = "Could not write workload statuses to the store; retrying")]
    public static partial void ReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2231, Level = LogLevel.Debug, Message = "Plan: {Plan}")]
    public static partial void Planned(ILogger logger, Plan plan);

    [LoggerMessage(EventId = 2232, Level = LogLevel.Information, Message = "Stopping {Count} running workloads")]
    public static partial void StoppingAll(ILogger logger, int count);

    [LoggerMessage(EventId = 2233, Level = LogLevel.Information, Message = "Workload {Workload} restarts in {Delay} (restart {Restarts})")]
    public static partial void BackingOff(ILogger logger, WorkloadId workload, TimeSpan delay, int restarts);
}
