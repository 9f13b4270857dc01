using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>What a cloud link may ask the supervisor to do to a running workload (IoT Hub's <c>restartWorkload</c>).</summary>
internal interface IWorkloadControl
{
    /// <summary>Stops <paramref name="workload"/>'s run so that it starts again at once, whatever its restart policy.</summary>
    Task<RestartOutcome> RestartAsync(WorkloadId workload, CancellationToken cancellationToken);
}
