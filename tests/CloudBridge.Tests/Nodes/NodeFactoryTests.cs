using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Nodes;
using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.CloudBridge.Tests.Kubernetes;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Tests.Nodes;

public sealed class NodeFactoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly DeviceInfo Pi = new()
    {
        Arch = "arm64",
        Profile = "raspberry-pi-4-4gb",
        Capacity = new DeviceCapacity(CpuMillis: 3500, MemoryBytes: 3L << 30, Pods: 16, StorageBytes: 8L << 30),
        AgentVersion = "0.1.0",
        OperatingSystem = "Debian GNU/Linux 12 (bookworm)",
    };

    private static NodeInputs Inputs(bool online = true, Node? previous = null, DateTimeOffset? now = null) => new()
    {
        Device = Pi,
        Liveness = new DeviceLiveness("pi-1", online, T0),
        Options = new NodeOptions { KubeletAddress = "10.0.0.5", KubeletPort = 10250 },
        Previous = previous,
        Now = now ?? T0,
    };

    [Fact]
    public void AnOnlineDevice_IsAReadyWasmNode_WithItsProfilesCapacity()
    {
        var node = NodeFactory.Build(Inputs());

        Assert.Equal("pi-1", node.Metadata.Name);
        var labels = node.Metadata.Labels!;
        Assert.Equal(("wasm32-wasi", "wasm32-wasi", "virtual-kubelet", "pi-1", "pi-1", "raspberry-pi-4-4gb"),
            (labels["kubernetes.io/arch"], labels["kubernetes.io/os"], labels["type"], labels["kubernetes.io/hostname"], labels["edgewasm.io/device"], labels["edgewasm.io/profile"]));
        Assert.Equal(["kubernetes.io/arch=wasm32-wasi:NoSchedule", "kubernetes.io/arch=wasm32-wasi:NoExecute"], node.Spec.Taints!.Select(t => $"{t.Key}={t.Value}:{t.Effect}"));
        var capacity = node.Status!.Capacity!;
        Assert.Equal(("3500m", "3Gi", "16", "8Gi"), (capacity["cpu"].Text, capacity["memory"].Text, capacity["pods"].Text, capacity["ephemeral-storage"].Text));
        Assert.Equal(capacity, node.Status.Allocatable);
        Assert.Equal(["Ready=True/KubeletReady", "MemoryPressure=False/KubeletHasSufficientMemory", "DiskPressure=False/KubeletHasNoDiskPressure",
            "PIDPressure=False/KubeletHasSufficientPID", "NetworkUnavailable=False/DeviceConnected"], node.Status.Conditions!.Select(c => $"{c.Type}={c.Status}/{c.Reason}"));
        Assert.All(node.Status.Conditions!, c => Assert.Equal((T0, T0), (c.LastHeartbeatTime!.Value, c.LastTransitionTime!.Value)));
        var info = node.Status.NodeInfo!;
        Assert.Equal(("arm64", "wasm32-wasi", "edgewasm://0.1.0", "v1.30.0-edgewasm.0.1.0", "Debian GNU/Linux 12 (bookworm)"),
            (info.Architecture, info.OperatingSystem, info.ContainerRuntimeVersion, info.KubeletVersion, info.OsImage));
        var address = Assert.Single(node.Status.Addresses!);
        Assert.Equal(("InternalIP", "10.0.0.5"), (address.Type, address.Address));
        Assert.Equal(10250, node.Status.DaemonEndpoints!.KubeletEndpoint!.Port);
    }

    [Fact]
    public void AnOfflineDevice_IsUnknown_InEveryCondition_SinceItsLastHeartbeat()
    {
        var online = NodeFactory.Build(Inputs());

        var offline = NodeFactory.Build(Inputs(online: false, previous: online, now: T0.AddMinutes(2)));

        Assert.All(offline.Status!.Conditions!, c =>
        {
            Assert.Equal(("Unknown", "DeviceOffline"), (c.Status, c.Reason));
            Assert.Equal("device pi-1 last seen 2026-01-01T12:00:00Z: no heartbeat within the timeout", c.Message);
            Assert.Equal(T0, c.LastHeartbeatTime);
            Assert.Equal(T0.AddMinutes(2), c.LastTransitionTime);
        });
    }

    [Fact]
    public void WhatOthersPutOnTheNode_IsKept_AndTransitionTimesOnlyMoveOnChange()
    {
        var first = NodeFactory.Build(Inputs());
        var tainted = first with
        {
            Metadata = first.Metadata with { Labels = new Dictionary<string, string>(first.Metadata.Labels!) { ["site"] = "factory-3", ["kubernetes.io/os"] = "linux" } },
            Spec = first.Spec with { Unschedulable = true, Taints = [.. first.Spec.Taints!, new Taint { Key = "node.kubernetes.io/unreachable", Effect = "NoExecute", TimeAdded = T0 }] },
        };

        var again = NodeFactory.Build(Inputs(previous: tainted, now: T0.AddMinutes(1)));

        Assert.Equal("factory-3", again.Metadata.Labels!["site"]);
        Assert.Equal("wasm32-wasi", again.Metadata.Labels["kubernetes.io/os"]);
        Assert.True(again.Spec.Unschedulable);
        Assert.Equal(3, again.Spec.Taints!.Count);
        Assert.Contains(again.Spec.Taints, t => t.Key == "node.kubernetes.io/unreachable");
        Assert.All(again.Status!.Conditions!, c => Assert.Equal(T0, c.LastTransitionTime));
    }

    [Theory]
    [InlineData("pi-1", "pi-1", "pi-1")]
    [InlineData("gateway.local", "gateway-local-", "gateway.local")]
    [InlineData("Pi_Kitchen", "pi-kitchen-", "Pi_Kitchen")]
    [InlineData("___", "d-", "d-")]
    [InlineData("a-very-long-device-identifier-that-goes-on-and-on-beyond-sixty-three-characters", "a-very-long-device-identifier-that-goes-on-and-on-beyond-", "a-very-long-device-identifier-that-goes-on-and-on-beyond-")]
    public void DeviceIds_BecomeValidNodeNamesAndLabels_WithAHashWhenChanged(string deviceId, string nodePrefix, string labelPrefix)
    {
        var name = NodeNames.FromDeviceId(deviceId);
        var label = NodeNames.LabelValue(deviceId);

        Assert.StartsWith(nodePrefix, name, StringComparison.Ordinal);
        Assert.StartsWith(labelPrefix, label, StringComparison.Ordinal);
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", name);
        Assert.InRange(name.Length, 1, 63);
        Assert.InRange(label.Length, 1, 63);
        if (name != deviceId) Assert.Matches("-[0-9a-f]{6}$", name);
        Assert.NotEqual(NodeNames.FromDeviceId(deviceId + "x"), name);
    }

    [Fact]
    public async Task TheNodeAndItsLease_AreAcceptedByTheApiServer_AndTheLeaseRenews()
    {
        await using var api = TestSupport.ApiServer.KubeApiServerDouble.Start();
        using var client = KubeTestClient.Connect(api);

        var node = await client.CreateAsync(KubeResources.Nodes, NodeFactory.Build(Inputs()), default);
        var lease = await client.CreateAsync(KubeResources.Leases, NodeLeaseFactory.Create(node.Metadata.Name!, node.Metadata.Uid, T0, 40), default);
        var renewed = await client.UpdateAsync(KubeResources.Leases, NodeLeaseFactory.Renew(lease, "pi-1", T0.AddSeconds(10), 40), default);

        Assert.Equal("True", node.Status!.Conditions!.Single(c => c.Type == "Ready").Status);
        Assert.Equal(("pi-1", 40, T0.AddSeconds(10)), (renewed.Spec.HolderIdentity, renewed.Spec.LeaseDurationSeconds!.Value, renewed.Spec.RenewTime!.Value));
        Assert.Equal(node.Metadata.Uid, renewed.Metadata.OwnerReferences![0].Uid);
        Assert.Equal("kube-node-lease", renewed.Metadata.Namespace);
    }
}
