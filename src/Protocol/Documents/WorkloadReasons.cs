namespace EdgeWasm.Protocol.Documents;

/// <summary>
/// The <see cref="WorkloadStatus.Reason"/> words the agent reports, shared so the bridge reads them without repeating
/// the strings. Most are the kubelet's own; the agent adds the limits a wasm workload can hit.
/// </summary>
public static class WorkloadReasons
{
    /// <summary>Waiting: admitted, the module is being fetched or the run is being set up.</summary>
    public const string ContainerCreating = "ContainerCreating";

    /// <summary>Waiting: the pod's init workloads have not all completed.</summary>
    public const string PodInitializing = "PodInitializing";

    /// <summary>Waiting: the last attempt to fetch the module failed.</summary>
    public const string ErrImagePull = "ErrImagePull";

    /// <summary>Waiting: fetching failed repeatedly; the agent is backing off before the next attempt.</summary>
    public const string ImagePullBackOff = "ImagePullBackOff";

    /// <summary>Waiting: the workload ended and restarts after a cool-off.</summary>
    public const string CrashLoopBackOff = "CrashLoopBackOff";

    /// <summary>Waiting: the workload does not fit what the device's profile allows; the message names the resource.</summary>
    public const string NotAdmitted = "NotAdmitted";

    /// <summary>Terminated: exit code 0.</summary>
    public const string Completed = "Completed";

    /// <summary>Terminated: a non-zero exit code or a trap.</summary>
    public const string Error = "Error";

    /// <summary>Terminated: the guest hit its memory limit (a memory.grow was refused) and then failed.</summary>
    public const string OomKilled = "OOMKilled";

    /// <summary>Terminated: the guest used more than its CPU share (fuel per second) for longer than its burst allowance.</summary>
    public const string FuelExhausted = "FuelExhausted";

    /// <summary>Terminated: the run lasted longer than its deadline.</summary>
    public const string DeadlineExceeded = "DeadlineExceeded";

    /// <summary>Terminated: the module could not be decoded, validated or linked, or is not a WASI command.</summary>
    public const string InvalidModule = "InvalidModule";

    /// <summary>Terminated: the agent stopped the workload (it shut down, or the workload was removed or changed).</summary>
    public const string Stopped = "Stopped";
}
