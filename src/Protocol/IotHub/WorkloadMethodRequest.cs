using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>The payload of a method that acts on one workload (<c>restartWorkload</c>).</summary>
public sealed record WorkloadMethodRequest
{
    /// <summary>The workload.</summary>
    public required WorkloadId Workload { get; init; }
}
