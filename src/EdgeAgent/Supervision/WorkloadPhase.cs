namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>Where a workload is in its life on this device. <see cref="RestartRules"/> and the planner move it along.</summary>
internal enum WorkloadPhase
{
    /// <summary>It does not fit what the profile allows; the entry's message says which resource.</summary>
    NotAdmitted,

    /// <summary>Admitted; its module has not been fetched yet.</summary>
    Pending,

    /// <summary>The prefetch loop is fetching its module.</summary>
    Pulling,

    /// <summary>The last fetch failed; the next one is due at the entry's retry time.</summary>
    PullBackOff,

    /// <summary>Its module is cached; it starts once its pod's init workloads allow.</summary>
    Ready,

    /// <summary>Running in the engine.</summary>
    Running,

    /// <summary>Asked to stop (removed, changed, no longer admitted); waiting for the run to end.</summary>
    Stopping,

    /// <summary>Ended; restarts at the entry's retry time (the restart policy's explicit back-off state).</summary>
    BackOff,

    /// <summary>Ended with exit code 0 and the policy does not restart it.</summary>
    Completed,

    /// <summary>Ended in failure and the policy does not restart it (the explicit failed state).</summary>
    Failed,

    /// <summary>The agent stopped it while it was still wanted (the agent shut down); it starts again when asked.</summary>
    Stopped,
}
