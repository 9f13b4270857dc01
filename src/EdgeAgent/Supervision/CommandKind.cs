namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>What a <see cref="PlanCommand"/> asks for. Every command is idempotent: done twice, it changes nothing more.</summary>
internal enum CommandKind
{
    /// <summary>Take a new workload on (it starts Pending).</summary>
    Admit,

    /// <summary>Report that the workload does not fit (Waiting, NotAdmitted, with the message).</summary>
    ReportNotAdmitted,

    /// <summary>The spec changed: start over with the new one.</summary>
    Replace,

    /// <summary>Fetch the module (the prefetch loop does it).</summary>
    Pull,

    /// <summary>Start the first run.</summary>
    Start,

    /// <summary>Start again after the back-off.</summary>
    Restart,

    /// <summary>Keep it waiting for its pod's init workloads (a null message: no longer).</summary>
    Hold,

    /// <summary>Stop the run (the message says why).</summary>
    Stop,

    /// <summary>Forget the workload: its status, its module pin, its volumes.</summary>
    Remove,
}
