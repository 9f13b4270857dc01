namespace EdgeWasm.Protocol.Documents;

/// <summary>The status of one workload, shaped like a Kubernetes containerStatus.</summary>
public sealed record WorkloadStatus
{
    /// <summary>namespace/pod/container.</summary>
    public required WorkloadId Id { get; init; }

    /// <summary>The pod UID the status belongs to.</summary>
    public string? PodUid { get; init; }

    /// <summary>Waiting, Running or Terminated.</summary>
    public required WorkloadState State { get; init; }

    /// <summary>Kubernetes-style reason: ContainerCreating, ErrImagePull, ImagePullBackOff, CrashLoopBackOff,
    /// Completed, Error, OOMKilled, FuelExhausted, DeadlineExceeded, InvalidModule, NotAdmitted, ...</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable detail.</summary>
    public string? Message { get; init; }

    /// <summary>Exit code when terminated.</summary>
    public int? ExitCode { get; init; }

    /// <summary>How many times the workload was restarted.</summary>
    public int RestartCount { get; init; }

    /// <summary>When the current (or last) run started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the last run finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The digest of the module that ran.</summary>
    public ContentDigest? ImageDigest { get; init; }

    /// <summary>The previous run's termination, for Kubernetes' lastState.</summary>
    public TerminationInfo? LastTermination { get; init; }
}

/// <summary>How a run ended. Optional members are properties, not constructor parameters, so that JSON may omit them.</summary>
public sealed record TerminationInfo
{
    /// <summary>The run's exit code.</summary>
    public required int ExitCode { get; init; }

    /// <summary>Kubernetes-style reason, e.g. Error, OOMKilled, Completed.</summary>
    public required string Reason { get; init; }

    /// <summary>Human-readable detail, if any.</summary>
    public string? Message { get; init; }

    /// <summary>When the run started, if known.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the run finished.</summary>
    public required DateTimeOffset FinishedAt { get; init; }
}
