using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>Which desired workloads were not admitted, each with a message naming the resource that ran short.</summary>
internal sealed record AdmissionResult(IReadOnlyDictionary<WorkloadId, string> Refused)
{
    /// <summary>Whether <paramref name="id"/> was admitted; otherwise why not.</summary>
    public bool IsAdmitted(WorkloadId id, out string? refusal) => !Refused.TryGetValue(id, out refusal);
}
