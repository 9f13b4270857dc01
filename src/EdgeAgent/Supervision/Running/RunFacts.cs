using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision.Running;

/// <summary>What the runner knows about a run besides how it ended, to name the reason.</summary>
/// <param name="StopRequested">The agent asked the run to stop.</param>
/// <param name="DeadlineHit">The run's deadline fired.</param>
/// <param name="MemoryLimitHits">memory.grow requests the memory limit refused.</param>
/// <param name="Limits">The run's limits.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When it ended.</param>
internal sealed record RunFacts(bool StopRequested, bool DeadlineHit, long MemoryLimitHits, WorkloadLimits Limits, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);
