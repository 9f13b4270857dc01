namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>Static pod mode's state at <paramref name="At"/>.</summary>
internal sealed record StatusSnapshot(DateTimeOffset At, IReadOnlyList<NodeRow> Nodes, IReadOnlyList<PodRow> Pods, IReadOnlyList<string> Problems);
