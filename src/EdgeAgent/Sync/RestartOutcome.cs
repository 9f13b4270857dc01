namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>What a restart request found.</summary>
internal enum RestartOutcome
{
    /// <summary>The run was asked to stop; the workload starts again when it has.</summary>
    Restarting,
    /// <summary>The device has no such workload.</summary>
    NotFound,
    /// <summary>The workload is not running (waiting, backing off, finished): there is nothing to restart.</summary>
    NotRunning,
}
