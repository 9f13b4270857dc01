using EdgeWasm.EdgeAgent.Supervision.Loops;
using EdgeWasm.EdgeAgent.Sync;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Hosting;

/// <summary>The supervisor as the cloud link's <see cref="IWorkloadControl"/>.</summary>
internal sealed class SupervisorWorkloadControl(PlanExecutor executor) : IWorkloadControl
{
    /// <inheritdoc />
    public Task<RestartOutcome> RestartAsync(WorkloadId workload, CancellationToken cancellationToken) => Task.FromResult(executor.RequestRestart(workload));
}
