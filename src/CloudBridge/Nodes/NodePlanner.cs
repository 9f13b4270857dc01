using System.Text.Json;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Nodes;

/// <summary>
/// Which writes bring a node to what <see cref="NodeFactory"/> built: create it when missing; replace the object when
/// the labels, annotations or taints differ; replace the status when it differs (heartbeat times aside) or when the
/// last report is older than the report frequency, as the kubelet's nodeStatusReportFrequency does. A pure function.
/// </summary>
internal static class NodePlanner
{
    /// <summary>The writes, in order; empty when the node is as it should be.</summary>
    public static IReadOnlyList<NodeAction> Plan(Node? existing, Node desired, DateTimeOffset? lastStatusReport, DateTimeOffset now, TimeSpan reportFrequency)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (existing is null) return [NodeAction.Create];
        var actions = new List<NodeAction>();
        if (!SameObject(existing, desired)) actions.Add(NodeAction.UpdateObject);
        if (!SameStatus(existing.Status, desired.Status) || lastStatusReport is not { } last || now - last >= reportFrequency) actions.Add(NodeAction.UpdateStatus);
        return actions;
    }

    /// <summary>Whether labels, annotations, taints and unschedulable are the same.</summary>
    public static bool SameObject(Node a, Node b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return SameMap(a.Metadata.Labels, b.Metadata.Labels)
            && SameMap(a.Metadata.Annotations, b.Metadata.Annotations)
            && a.Spec.Unschedulable == b.Spec.Unschedulable
            && Json(a.Spec.Taints ?? []) == Json(b.Spec.Taints ?? []);
    }

    /// <summary>Whether two statuses say the same, heartbeat times aside; quantities compare by value (the server may rewrite them).</summary>
    public static bool SameStatus(NodeStatus? a, NodeStatus? b)
    {
        if (a is null || b is null) return a is null && b is null;
        return SameQuantities(a.Capacity, b.Capacity) && SameQuantities(a.Allocatable, b.Allocatable)
            && Json(Comparable(a)) == Json(Comparable(b));
    }

    private static NodeStatus Comparable(NodeStatus status) => status with
    {
        Capacity = null,
        Allocatable = null,
        Conditions = [.. (status.Conditions ?? []).Select(c => c with { LastHeartbeatTime = null })],
    };

    private static bool SameQuantities(IReadOnlyDictionary<string, Quantity>? a, IReadOnlyDictionary<string, Quantity>? b)
    {
        a ??= new Dictionary<string, Quantity>();
        b ??= new Dictionary<string, Quantity>();
        return a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var q) && q == p.Value);
    }

    private static bool SameMap(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        a ??= new Dictionary<string, string>();
        b ??= new Dictionary<string, string>();
        return a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);
    }

    private static string Json(NodeStatus status) => JsonSerializer.Serialize(status, KubeJsonContext.Default.NodeStatus);

    private static string Json(IReadOnlyList<Taint> taints) =>
        string.Join('\n', taints.Select(t => $"{t.Key}={t.Value}:{t.Effect}@{t.TimeAdded?.ToUnixTimeSeconds()}"));
}
