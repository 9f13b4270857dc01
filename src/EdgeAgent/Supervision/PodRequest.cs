using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Profiles;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>
/// What one pod asks of the device. As Kubernetes counts init containers: they run one at a time before the others,
/// so the pod needs the larger of its largest init workload and the sum of its other workloads.
/// </summary>
/// <param name="MemoryBytes">Memory limits.</param>
/// <param name="FuelPerSecond">CPU shares as fuel per second.</param>
/// <param name="Slots">Workloads running at once.</param>
/// <param name="FileBytes">Bytes of ConfigMap and Secret files the agent writes for it.</param>
internal sealed record PodRequest(long MemoryBytes, long FuelPerSecond, int Slots, long FileBytes)
{
    /// <summary>The request of a pod's <paramref name="workloads"/>, with the profile's defaults for unset limits.</summary>
    public static PodRequest Of(IReadOnlyCollection<WorkloadSpec> workloads, HardwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        ArgumentNullException.ThrowIfNull(profile);
        var limits = workloads.Select(w => (w.Init, Limits: profile.ResolveLimits(w.Limits))).ToList();
        long Need(Func<WorkloadLimits, long?> of) =>
            Math.Max(
                limits.Where(l => l.Init).Select(l => of(l.Limits) ?? 0).DefaultIfEmpty(0).Max(),
                limits.Where(l => !l.Init).Sum(l => of(l.Limits) ?? 0));
        var regular = limits.Count(l => !l.Init);
        return new PodRequest(
            Need(l => l.MemoryBytes),
            Need(l => l.FuelPerSecond),
            Math.Max(regular, regular == limits.Count ? 0 : 1),
            workloads.Sum(DesiredStateValidator.FileBytes));
    }
}
