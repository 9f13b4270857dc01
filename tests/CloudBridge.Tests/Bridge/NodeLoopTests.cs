using System.Text.Json;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Nodes;

namespace EdgeWasm.CloudBridge.Tests.Bridge;

/// <summary>The node and lease loops against the API server double, with devices on a real broker.</summary>
[Collection(BridgeCollection.Name)]
public sealed class NodeLoopTests
{
    [Fact]
    public async Task AnnouncedDevice_GetsANodeWithLabelsTaintsCapacityAndReady()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);

        var node = await BridgeEnvironment.EventuallyAsync(() => env.Node("pi-1") is { } n && Ready(n) == "True" ? n : null, "node pi-1 Ready");

        var labels = node.Metadata.Labels!;
        Assert.Equal("wasm32-wasi", labels["kubernetes.io/arch"]);
        Assert.Equal("wasm32-wasi", labels["kubernetes.io/os"]);
        Assert.Equal("virtual-kubelet", labels["type"]);
        Assert.Equal("pi-1", labels["kubernetes.io/hostname"]);
        Assert.Equal("pi-1", labels["edgewasm.io/device"]);
        Assert.Equal("raspberry-pi-4-4gb", labels["edgewasm.io/profile"]);
        Assert.Contains(node.Spec.Taints!, t => t is { Key: "kubernetes.io/arch", Value: "wasm32-wasi", Effect: "NoSchedule" });
        Assert.Contains(node.Spec.Taints!, t => t is { Key: "kubernetes.io/arch", Value: "wasm32-wasi", Effect: "NoExecute" });
        var allocatable = BridgeEnvironment.Profile.Allocatable;
        Assert.Equal(Quantity.FromMilli(allocatable.CpuMillis), node.Status!.Capacity!["cpu"]);
        Assert.Equal(Quantity.FromBytes(allocatable.MemoryBytes), node.Status.Capacity["memory"]);
        Assert.Equal(Quantity.FromInteger(allocatable.Pods), node.Status.Allocatable!["pods"]);
        Assert.Equal("edgewasm://0.1.0", node.Status.NodeInfo!.ContainerRuntimeVersion);
        Assert.Equal(BridgeEnvironment.Profile.Arch, node.Status.NodeInfo.Architecture);
        Assert.Equal(env.Port, node.Status.DaemonEndpoints!.KubeletEndpoint!.Port);
        Assert.Equal([new NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }], node.Status.Addresses);
        env.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task Lease_IsCreatedInKubeNodeLease_OwnedByTheNode_AndRenewed()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        var node = await BridgeEnvironment.EventuallyAsync(() => env.Node("pi-1"), "node pi-1");

        var first = await BridgeEnvironment.EventuallyAsync(() => Lease(env, "pi-1"), "lease pi-1");
        var renewed = await BridgeEnvironment.EventuallyAsync(() => Lease(env, "pi-1") is { } l && l.Spec.RenewTime > first.Spec.RenewTime ? l : null, "a renewal");

        Assert.Equal("pi-1", renewed.Spec.HolderIdentity);
        Assert.Equal(40, renewed.Spec.LeaseDurationSeconds);
        var owner = Assert.Single(renewed.Metadata.OwnerReferences!);
        Assert.Equal(("Node", "pi-1", node.Metadata.Uid), (owner.Kind, owner.Name, owner.Uid));
        // Renewals are updates of the same object, not new leases.
        Assert.Equal(first.Metadata.Uid, renewed.Metadata.Uid);
    }

    [Fact]
    public async Task Ready_GoesUnknownWithDeviceOffline_WhenHeartbeatsStop_AndBackWhenTheyResume()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        var online = await BridgeEnvironment.EventuallyAsync(() => env.Node("pi-1") is { } n && Ready(n) == "True" ? n : null, "Ready True");
        var transition = online.Status!.Conditions!.Single(c => c.Type == "Ready").LastTransitionTime;

        env.Devices.Silence("pi-1");
        var offline = await BridgeEnvironment.EventuallyAsync(() => env.Node("pi-1") is { } n && Ready(n) == "Unknown" ? n : null, "Ready Unknown");

        var ready = offline.Status!.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal("DeviceOffline", ready.Reason);
        Assert.StartsWith("device pi-1 last seen ", ready.Message, StringComparison.Ordinal);
        // Nobody knows the pressure conditions of a device that does not answer.
        Assert.All(offline.Status.Conditions!, c => Assert.Equal("Unknown", c.Status));
        // The lease keeps being renewed: the bridge, the node's kubelet, is alive.
        var lease = Lease(env, "pi-1")!;
        await BridgeEnvironment.EventuallyAsync(() => Lease(env, "pi-1")!.Spec.RenewTime > lease.Spec.RenewTime, "a renewal while offline");

        await env.Devices.ResumeAsync("pi-1");
        var back = await BridgeEnvironment.EventuallyAsync(() => env.Node("pi-1") is { } n && Ready(n) == "True" ? n : null, "Ready True again");
        Assert.Equal("KubeletReady", back.Status!.Conditions!.Single(c => c.Type == "Ready").Reason);
        Assert.True(back.Status.Conditions!.Single(c => c.Type == "Ready").LastTransitionTime >= transition);
        Assert.Equal(2, env.Logs.Entries.Count(e => e.Id == 3301));
        env.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task ConfiguredDevice_WithAProfile_GetsAnOfflineNodeBeforeItIsEverHeardFrom()
    {
        await using var env = await BridgeEnvironment.StartAsync((o, _) => o.Devices = ["gw-7=x86-64-gateway"]);

        var node = await BridgeEnvironment.EventuallyAsync(() => env.Node("gw-7"), "node gw-7");

        Assert.Equal("Unknown", Ready(node));
        Assert.Equal("x86-64-gateway", node.Metadata.Labels!["edgewasm.io/profile"]);
        Assert.Contains("last seen never", node.Status!.Conditions!.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelsAndTaintsOthersAdd_AreKept_AndADeletedNodeComesBack()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        await BridgeEnvironment.EventuallyAsync(() => env.Node("pi-1"), "node pi-1");

        env.Api!.MergePatch("v1", "nodes", null, "pi-1", System.Text.Json.Nodes.JsonNode.Parse("""
            {"metadata":{"labels":{"site":"north"}},"spec":{"taints":[
              {"key":"kubernetes.io/arch","value":"wasm32-wasi","effect":"NoSchedule"},
              {"key":"kubernetes.io/arch","value":"wasm32-wasi","effect":"NoExecute"},
              {"key":"node.kubernetes.io/unreachable","effect":"NoExecute","timeAdded":"2026-01-01T00:00:00Z"}]}}
            """)!.AsObject());
        // A change the bridge makes (the device's agent version) must not drop them.
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile, agentVersion: "0.2.0");
        var node = await BridgeEnvironment.EventuallyAsync(() => env.Node("pi-1") is { } n && n.Status!.NodeInfo!.ContainerRuntimeVersion == "edgewasm://0.2.0" ? n : null, "new agent version");
        Assert.Equal("north", node.Metadata.Labels!["site"]);
        Assert.Contains(node.Spec.Taints!, t => t.Key == "node.kubernetes.io/unreachable");

        env.Api.Delete("v1", "nodes", null, "pi-1");
        var again = await BridgeEnvironment.EventuallyAsync(() => env.Node("pi-1") is { } n && n.Metadata.Uid != node.Metadata.Uid ? n : null, "node pi-1 registered again");
        Assert.Equal("wasm32-wasi", again.Metadata.Labels!["kubernetes.io/arch"]);
    }

    internal static string? Ready(Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;

    private static Lease? Lease(BridgeEnvironment env, string name) =>
        env.Api!.Get("coordination.k8s.io/v1", "leases", KubeResources.NodeLeaseNamespace, name)?.Deserialize(KubeJsonContext.Default.Lease);
}
