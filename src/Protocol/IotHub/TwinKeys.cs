using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>
/// Twin property names for values that may hold characters a twin key may not ('.', '$', space): a workload id
/// (<c>namespace/pod/container</c>, where a pod name may hold '.') becomes a key with '%' and '.' escaped.
/// </summary>
public static class TwinKeys
{
    /// <summary>The key of a workload in <c>workloads</c>.</summary>
    public static string Workload(WorkloadId id) => id.ToString().Replace("%", "%25", StringComparison.Ordinal).Replace(".", "%2E", StringComparison.Ordinal);
}
