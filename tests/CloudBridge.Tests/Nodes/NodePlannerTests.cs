using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Nodes;
using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Tests.Nodes;

public sealed class NodePlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Frequency = TimeSpan.FromMinutes(1);
    private static readonly DeviceInfo Info = new() { Arch = "arm64", Profile = "raspberry-pi-4-4gb", Capacity = new DeviceCapacity(4000, 3L << 30, 8, 8L << 30), AgentVersion = "0.1.0" };

    [Fact]
    public void Plan_NoNode_Creates()
    {
        Assert.Equal([NodeAction.Create], NodePlanner.Plan(null, Build(online: true, previous: null), null, Now, Frequency));
    }

    [Fact]
    public void Plan_UnchangedAndRecentlyReported_DoesNothing_EvenWhenOnlyTheHeartbeatMoved()
    {
        var stored = Stored(Build(online: true, previous: null, lastSeen: Now.AddSeconds(-30)));
        var desired = Build(online: true, previous: stored, lastSeen: Now.AddSeconds(-1));

        Assert.Empty(NodePlanner.Plan(stored, desired, Now.AddSeconds(-20), Now, Frequency));
    }

    [Fact]
    public void Plan_ReportOlderThanTheFrequency_WritesTheStatus()
    {
        var stored = Stored(Build(online: true, previous: null));

        Assert.Equal([NodeAction.UpdateStatus], NodePlanner.Plan(stored, Build(online: true, previous: stored), Now.AddMinutes(-1), Now, Frequency));
        Assert.Equal([NodeAction.UpdateStatus], NodePlanner.Plan(stored, Build(online: true, previous: stored), null, Now, Frequency));
    }

    [Fact]
    public void Plan_DeviceWentOffline_WritesTheStatusAtOnce()
    {
        var stored = Stored(Build(online: true, previous: null));

        Assert.Equal([NodeAction.UpdateStatus], NodePlanner.Plan(stored, Build(online: false, previous: stored), Now.AddSeconds(-1), Now, Frequency));
    }

    [Fact]
    public void Plan_OurLabelRemovedByAUser_RestoresTheObject_ButOthersTaintsAreKeptAndNotAChange()
    {
        var stored = Stored(Build(online: true, previous: null));
        var edited = stored with { Metadata = stored.Metadata with { Labels = stored.Metadata.Labels!.Where(l => l.Key != "type").ToDictionary() } };
        Assert.Equal([NodeAction.UpdateObject], NodePlanner.Plan(edited, Build(online: true, previous: edited), Now, Now, Frequency));

        var tainted = stored with { Spec = stored.Spec with { Taints = [.. stored.Spec.Taints!, new Taint { Key = "node.kubernetes.io/unreachable", Effect = "NoExecute" }] } };
        Assert.Empty(NodePlanner.Plan(tainted, Build(online: true, previous: tainted), Now, Now, Frequency));
    }

    [Fact]
    public void SameStatus_ComparesQuantitiesByValue()
    {
        var a = new NodeStatus { Capacity = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("4000m") } };
        var b = new NodeStatus { Capacity = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("4") } };
        var c = new NodeStatus { Capacity = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("3") } };

        Assert.True(NodePlanner.SameStatus(a, b));
        Assert.False(NodePlanner.SameStatus(a, c));
    }

    private static Node Build(bool online, Node? previous, DateTimeOffset? lastSeen = null) => NodeFactory.Build(new NodeInputs
    {
        Device = Info,
        Liveness = new DeviceLiveness("pi-1", online, lastSeen ?? Now.AddSeconds(-5)),
        Options = new NodeOptions { KubeletAddress = "10.0.0.5" },
        Previous = previous,
        Now = Now,
    });

    // As the API server returns it: with a uid and resourceVersion.
    private static Node Stored(Node node) => node with { Metadata = node.Metadata with { Uid = "u1", ResourceVersion = "7" } };
}
