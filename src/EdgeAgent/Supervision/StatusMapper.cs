using System.Globalization;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>Turns an entry into the status the cloud sees, in the words of a Kubernetes containerStatus.</summary>
internal static class StatusMapper
{
    /// <summary>The status of <paramref name="entry"/>.</summary>
    public static WorkloadStatus ToStatus(WorkloadEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var status = new WorkloadStatus
        {
            Id = entry.Id,
            PodUid = entry.Spec.PodUid,
            State = WorkloadState.Waiting,
            RestartCount = entry.Restarts,
            ImageDigest = entry.Module?.ImageDigest,
            LastTermination = entry.LastRun?.ToTermination(),
        };
        var image = entry.Spec.Image;
        return entry.Phase switch
        {
            WorkloadPhase.NotAdmitted => Waiting(status, WorkloadReasons.NotAdmitted, entry.Message),
            WorkloadPhase.Pending or WorkloadPhase.Pulling or WorkloadPhase.Ready when entry.WaitingFor is not null =>
                Waiting(status, WorkloadReasons.PodInitializing, entry.WaitingFor),
            WorkloadPhase.Pending or WorkloadPhase.Pulling => Waiting(status, WorkloadReasons.ContainerCreating, $"pulling image {image}"),
            WorkloadPhase.Ready => Waiting(status, WorkloadReasons.ContainerCreating, "starting"),
            WorkloadPhase.PullBackOff when entry.PullFailures <= 1 => Waiting(status, WorkloadReasons.ErrImagePull, entry.Message),
            WorkloadPhase.PullBackOff => Waiting(status, WorkloadReasons.ImagePullBackOff, $"back-off pulling image {image}: {entry.Message}"),
            WorkloadPhase.Running or WorkloadPhase.Stopping => status with { State = WorkloadState.Running, StartedAt = entry.StartedAt },
            WorkloadPhase.BackOff => Waiting(status, WorkloadReasons.CrashLoopBackOff, CrashLoopMessage(entry)),
            _ when entry.LastRun is { } last => status with
            {
                State = WorkloadState.Terminated,
                Reason = last.ReasonText,
                Message = last.Message,
                ExitCode = last.ExitCode,
                StartedAt = last.StartedAt,
                FinishedAt = last.FinishedAt,
                LastTermination = null,
            },
            _ => Waiting(status, WorkloadReasons.ContainerCreating, entry.WaitingFor),
        };
    }

    private static WorkloadStatus Waiting(WorkloadStatus status, string reason, string? message) =>
        status with { State = WorkloadState.Waiting, Reason = reason, Message = message };

    private static string CrashLoopMessage(WorkloadEntry entry)
    {
        var last = entry.LastRun;
        var delay = entry.RetryAt is { } at && last is not null ? at - last.FinishedAt : TimeSpan.Zero;
        var seconds = ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return last is null
            ? $"back-off {seconds}s restarting {entry.Id}"
            : $"back-off {seconds}s restarting {entry.Id} after {last.ReasonText} (exit code {last.ExitCode})";
    }
}
