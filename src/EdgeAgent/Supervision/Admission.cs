using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Profiles;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>
/// Admission against the profile's allocatable: memory, CPU (fuel per second: cores × fuel per core-second), workload
/// slots, and storage (the modules known so far plus ConfigMap/Secret files, against the storage budget). Pods are
/// admitted whole. Pods that were admitted before go first, so a new pod never pushes out a running one; then the rest
/// in document order. What does not fit is refused with a message naming the resource, never dropped.
/// </summary>
internal static class Admission
{
    /// <summary>Decides which workloads of <paramref name="desired"/> the device takes.</summary>
    public static AdmissionResult Decide(DesiredState desired, CurrentState current, HardwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(profile);
        var pods = desired.Workloads.GroupBy(w => w.Id.PodKey).Select(g => g.ToList()).ToList();
        bool AdmittedBefore(List<WorkloadSpec> pod) =>
            pod.Any(w => current.Find(w.Id) is { } e && e.Spec.PodUid == w.PodUid && e.Phase != WorkloadPhase.NotAdmitted);

        var allocatable = profile.Allocatable;
        var fuelCapacity = checked(profile.Cores * profile.FuelPerCoreSecond);
        long memory = 0, fuel = 0, storage = 0;
        var slots = 0;
        var modules = new HashSet<ContentDigest>();
        var refused = new Dictionary<WorkloadId, string>();
        foreach (var pod in pods.Where(AdmittedBefore).Concat(pods.Where(p => !AdmittedBefore(p))))
        {
            var request = PodRequest.Of(pod, profile);
            var newModules = pod
                .Select(w => current.Find(w.Id) is { } e && SpecEquality.Same(e.Spec, w) ? e : null)
                .Where(e => e is { Module: not null, ModuleBytes: not null } && !modules.Contains(e.Module.BlobDigest))
                .DistinctBy(e => e!.Module!.BlobDigest)
                .ToList();
            var storageNeed = request.FileBytes + newModules.Sum(e => e!.ModuleBytes!.Value);
            var name = pod[0].Id.PodKey;
            var shortage =
                memory + request.MemoryBytes > allocatable.MemoryBytes
                    ? $"memory: pod {name} needs {request.MemoryBytes} bytes, {allocatable.MemoryBytes - memory} of the {allocatable.MemoryBytes} allocatable bytes are free"
                : fuel + request.FuelPerSecond > fuelCapacity
                    ? $"cpu: pod {name} needs {request.FuelPerSecond} fuel/s, {fuelCapacity - fuel} of the {fuelCapacity} allocatable fuel/s are free"
                : slots + request.Slots > allocatable.Pods
                    ? $"workloads: pod {name} needs {request.Slots} workload slots, {allocatable.Pods - slots} of the {allocatable.Pods} allowed are free"
                : storage + storageNeed > allocatable.StorageBytes
                    ? $"storage: pod {name} needs {storageNeed} bytes of modules and files, {allocatable.StorageBytes - storage} of the {allocatable.StorageBytes} budgeted bytes are free"
                : null;
            if (shortage is not null)
            {
                foreach (var workload in pod) refused[workload.Id] = shortage;
                continue;
            }

            memory += request.MemoryBytes;
            fuel += request.FuelPerSecond;
            slots += request.Slots;
            storage += storageNeed;
            foreach (var entry in newModules) modules.Add(entry!.Module!.BlobDigest);
        }

        return new AdmissionResult(refused);
    }
}
