using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision.Running;

/// <summary>One run of a workload: what to run, under which limits, and when the supervisor started it.</summary>
internal sealed record RunRequest(WorkloadSpec Spec, WorkloadLimits Limits, CachedModule Module, long RunNumber, DateTimeOffset StartedAt);
