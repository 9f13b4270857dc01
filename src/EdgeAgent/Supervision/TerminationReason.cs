namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>Why a run ended; each maps to one of the <see cref="Protocol.Documents.WorkloadReasons"/> and an exit code.</summary>
internal enum TerminationReason
{
    /// <summary>Exit code 0.</summary>
    Completed,

    /// <summary>A non-zero exit code, a trap, or a failure to set the run up.</summary>
    Error,

    /// <summary>A memory.grow was refused by the memory limit, then the guest failed (exit code 137, as a kernel OOM kill).</summary>
    OomKilled,

    /// <summary>The guest emptied its CPU share's bucket (exit code 152: 128 + SIGXCPU).</summary>
    FuelExhausted,

    /// <summary>The run outlived its deadline (exit code 124, as timeout(1)).</summary>
    DeadlineExceeded,

    /// <summary>The module could not be decoded, validated or linked, or has no _start (exit code 126: cannot execute).</summary>
    InvalidModule,

    /// <summary>The agent stopped the run (exit code 143: 128 + SIGTERM).</summary>
    Stopped,
}
