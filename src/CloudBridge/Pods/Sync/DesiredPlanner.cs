using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Pods.Sync;

/// <summary>
/// Which pods a device should run and the workload list of its desired document, in a stable order (so an unchanged
/// set of pods makes an unchanged document). Pure functions.
/// </summary>
internal static class DesiredPlanner
{
    /// <summary>The reason a pod fails when the device's document cannot hold it.</summary>
    public const string TooLargeReason = "DesiredStateTooLarge";

    /// <summary>
    /// Whether a pod belongs in its device's document: not being deleted (its workloads must stop, as a kubelet kills
    /// the containers of a deleted pod) and not terminal (Succeeded and Failed pods never run again).
    /// </summary>
    public static bool Wanted(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Metadata.DeletionTimestamp is null && pod.Status?.Phase is not ("Succeeded" or "Failed");
    }

    /// <summary>The pods to run, oldest first (name breaks ties): the order in which they get room when the document is full.</summary>
    public static IReadOnlyList<Pod> Order(IEnumerable<Pod> pods) =>
        [.. pods.OrderBy(p => p.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue).ThenBy(p => p.Metadata.Namespace, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)];

    /// <summary>The document's workloads: each admitted pod's, pods sorted by namespace and name, each pod's in translation order.</summary>
    public static IReadOnlyList<WorkloadSpec> Workloads(IEnumerable<(Pod Pod, PodTranslation Translation)> admitted) =>
        [.. admitted
            .Where(p => !p.Translation.IsRejected)
            .OrderBy(p => p.Pod.Metadata.Namespace, StringComparer.Ordinal).ThenBy(p => p.Pod.Metadata.Name, StringComparer.Ordinal)
            .SelectMany(p => p.Translation.Workloads)];

    /// <summary>The rejection of a pod for which the document has no room.</summary>
    public static PodTranslation TooLarge(int limit) => new()
    {
        Rejection = new PodRejection(TooLargeReason, $"the device's desired document would be larger than {limit} bytes with this pod; ConfigMap and Secret volumes travel inside it"),
    };
}
