using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Sync;

/// <summary>What a cloud link may ask the supervisor to do to a running workload (IoT Hub's <c>restartWorkload</c>).</summary>
internal interface IWorkloadControl
{
    /// <summary>Restarts <paramref name="workload"/>; false when the device has no such workload.</summary>
    Task<bool> RestartAsync(WorkloadId workload, CancellationToken cancellationToken);
}
