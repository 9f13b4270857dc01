using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.CloudBridge.Pods.Sync;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Tests.Bridge;

/// <summary>Pods through the whole bridge: API server double → desired document on the broker → reported state → pod status and events.</summary>
[Collection(BridgeCollection.Name)]
public sealed class PodFlowTests
{
    // Port 1 refuses at once: pinning fails fast and the pod goes on unpinned.
    internal const string Image = "127.0.0.1:1/sensors/avg:1.0";

    internal static string PodJson(string name, string node = "pi-1", string extraSpec = "", string extraContainer = "") => $$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"default"},
         "spec":{"nodeName":"{{{node}}}"{{{extraSpec}}},
                 "containers":[{"name":"main","image":"{{{Image}}}","args":["--interval","1"]{{{extraContainer}}}}]}}
        """;

    [Fact]
    public async Task Pod_BecomesTheDesiredDocument_AndReportedRunningBecomesItsStatusAndEvents()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        env.Api!.Create("v1", "configmaps", "default", JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"site","namespace":"default"},"data":{"name":"north"}}""")!.AsObject());
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        var pod = env.CreatePod(PodJson("sensor", extraContainer: """
            ,"env":[{"name":"SITE","valueFrom":{"configMapKeyRef":{"name":"site","key":"name"}}},{"name":"POD_IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}}],"resources":{"limits":{"cpu":"250m","memory":"16Mi"}}
            """));

        // The device's advertised address reaches the downward API once its DeviceInfo is in.
        var desired = await env.Devices.WaitForDesiredAsync("pi-1", d => d.Workloads.Count == 1 && d.Workloads[0].Env.Any(e => e is { Name: "POD_IP", Value: DeviceSimulator.Address }));
        var workload = desired.Workloads[0];
        Assert.Equal(new WorkloadId("default", "sensor", "main"), workload.Id);
        Assert.Equal(pod.Metadata.Uid, workload.PodUid);
        Assert.Equal(Image, workload.Image);
        Assert.Null(workload.Digest);
        Assert.Equal(["--interval", "1"], workload.Args);
        Assert.Equal([new("SITE", "north"), new("POD_IP", DeviceSimulator.Address)], workload.Env);
        Assert.Equal(BridgeEnvironment.Profile.FuelPerSecondForMillicores(250), workload.Limits.FuelPerSecond);
        Assert.Equal(16L << 20, workload.Limits.MemoryBytes);

        var running = BridgeEnvironment_Running(workload);
        await env.Devices.ReportAsync("pi-1", running);
        await env.Devices.AppliedAsync("pi-1", desired.Version);
        var status = (await BridgeEnvironment.EventuallyAsync(() => env.Pod("sensor") is { Status.Phase: "Running" } p ? p : null, "pod Running")).Status!;

        var container = Assert.Single(status.ContainerStatuses!);
        Assert.True(container.Ready);
        Assert.True(container.Started);
        Assert.Equal(running.ImageDigest!.Value.Value, container.ImageId);
        Assert.NotNull(container.State.Running);
        Assert.NotNull(status.StartTime);
        // Workloads listen on the device itself: its address is the pod's hostIP and podIP.
        Assert.Equal((DeviceSimulator.Address, DeviceSimulator.Address), (status.HostIP, status.PodIP));
        Assert.Equal("True", status.Conditions!.Single(c => c.Type == "Ready").Status);
        Assert.Equal("True", status.Conditions!.Single(c => c.Type == PodConditions.DeviceReachable).Status);
        var events = await BridgeEnvironment.EventuallyAsync(() => env.Events("sensor") is { Count: >= 4 } e ? e : null, "events");
        Assert.Contains(events, e => e.Reason == "Pulled" && e.Source!.Host == "pi-1" && e.Source.Component == "kubelet");
        Assert.Contains(events, e => e.Reason == "Started" && e.InvolvedObject.FieldPath == "spec.containers{main}");
        Assert.Contains(events, e => e is { Reason: "DigestNotPinned", Type: "Warning" });
        env.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task UnsupportedPod_FailsWithTheReasonAndAnEvent_AndNeverReachesTheDevice()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        env.CreatePod(PodJson("bad", extraSpec: ""","hostNetwork":true""", extraContainer: ""","livenessProbe":{"exec":{"command":["true"]}}"""));
        env.CreatePod(PodJson("good"));

        var failed = await BridgeEnvironment.EventuallyAsync(() => env.Pod("bad") is { Status.Phase: "Failed" } p ? p : null, "pod bad Failed");

        Assert.Equal(PodRejection.UnsupportedReason, failed.Status!.Reason);
        Assert.Contains("hostNetwork is not supported", failed.Status.Message, StringComparison.Ordinal);
        Assert.Contains("probes are not supported", failed.Status.Message, StringComparison.Ordinal);
        var warning = await BridgeEnvironment.EventuallyAsync(() => env.Events("bad").FirstOrDefault(e => e.Reason == PodRejection.UnsupportedReason), "rejection event");
        Assert.Equal("Warning", warning.Type);
        var desired = await env.Devices.WaitForDesiredAsync("pi-1", d => d.Workloads.Count > 0);
        Assert.All(desired.Workloads, w => Assert.Equal("good", w.Id.Pod));
    }

    [Fact]
    public async Task DeletedPod_LeavesTheDocument_AndIsDeletedWithGraceZeroAndItsUid_OnceTheDeviceStoppedIt()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        var (desired, pod) = await env.RunPodAsync(PodJson("sensor"));

        env.Api!.Delete("v1", "pods", "default", "sensor");
        var emptied = await env.Devices.WaitForDesiredAsync("pi-1", d => d.Workloads.Count == 0);
        Assert.True(emptied.Version > desired.Version);
        await BridgeEnvironment.EventuallyAsync(() => env.Events("sensor").FirstOrDefault(e => e.Reason == "Killing"), "Killing event");
        // The workload still runs: the pod stays, Terminating.
        await Task.Delay(500);
        Assert.NotNull(env.Pod("sensor")!.Metadata.DeletionTimestamp);

        await env.Devices.AppliedAsync("pi-1", emptied.Version);
        await env.Devices.ReportAsync("pi-1", new WorkloadStatus
        {
            Id = desired.Workloads[0].Id, PodUid = pod.Metadata.Uid, State = WorkloadState.Terminated, ExitCode = 0, Reason = "Completed",
            StartedAt = DateTimeOffset.UtcNow.AddSeconds(-2), FinishedAt = DateTimeOffset.UtcNow,
        });
        await env.Devices.RemovedAsync("pi-1", desired.Workloads[0].Id);
        await BridgeEnvironment.EventuallyAsync(() => env.Pod("sensor") is null, "pod gone");

        var delete = env.Api.Requests.Last(r => r.Method == "DELETE" && r.Target.Contains("/pods/sensor", StringComparison.Ordinal));
        var options = JsonNode.Parse(delete.Body!)!;
        Assert.Equal(0, (int)options["gracePeriodSeconds"]!);
        Assert.Equal(pod.Metadata.Uid, (string?)options["preconditions"]!["uid"]);
        env.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task DeviceOfflineAndBack_ChangesNothingInThePodButTheReachableCondition_AndPublishesNothing()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        var (_, before) = await env.RunPodAsync(PodJson("sensor"));
        var documents = env.Devices.Received("pi-1").Count;

        await env.Devices.OfflineAsync("pi-1");
        var offline = await BridgeEnvironment.EventuallyAsync(() => env.Pod("sensor") is { } p && Reachable(p)?.Status == "False" ? p : null, "DeviceReachable False");
        Assert.Equal("DeviceOffline", Reachable(offline)!.Reason);
        Assert.Contains("last seen", Reachable(offline)!.Message, StringComparison.Ordinal);
        Assert.Equal(WithoutReachable(before), WithoutReachable(offline));
        Assert.Null(offline.Metadata.DeletionTimestamp);
        await BridgeEnvironment.EventuallyAsync(() => NodeLoopTests.Ready(env.Node("pi-1")!) == "Unknown", "node Unknown");

        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        var back = await BridgeEnvironment.EventuallyAsync(() => env.Pod("sensor") is { } p && Reachable(p)?.Status == "True" ? p : null, "DeviceReachable True");
        Assert.Equal(WithoutReachable(before), WithoutReachable(back));
        Assert.Equal(before.Metadata.Uid, back.Metadata.Uid);
        Assert.Equal(documents, env.Devices.Received("pi-1").Count);
        env.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task DeletionWhileTheDeviceIsOffline_WaitsForTheDevice_OrForTheConfiguredTimeout()
    {
        await using var env = await BridgeEnvironment.StartAsync((o, _) => o.OfflineDeletionTimeoutSeconds = 3);
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        await env.RunPodAsync(PodJson("sensor", extraSpec: ""","terminationGracePeriodSeconds":1"""));
        await env.Devices.OfflineAsync("pi-1");
        await BridgeEnvironment.EventuallyAsync(() => env.Pod("sensor") is { } p && Reachable(p)?.Status == "False", "offline");

        env.Api!.Delete("v1", "pods", "default", "sensor");
        // Within grace + timeout (1 s + 3 s) the pod stays: nobody knows whether its workload stopped.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.NotNull(env.Pod("sensor"));
        await BridgeEnvironment.EventuallyAsync(() => env.Pod("sensor") is null, "force deletion after the timeout", TimeSpan.FromSeconds(15));
        Assert.Equal(1, env.Logs.Count(3423));
    }

    [Fact]
    public async Task StatusConflict_IsResolvedByReadingThePodAgain()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        env.CreatePod(PodJson("sensor"));
        env.Api!.Fail(r => r.Method == "PUT" && r.Path.EndsWith("/pods/sensor/status", StringComparison.Ordinal), 409, times: 2);

        var desired = await env.Devices.WaitForDesiredAsync("pi-1", d => d.Workloads.Count == 1);
        await env.Devices.RunAllAsync(desired);

        await BridgeEnvironment.EventuallyAsync(() => env.Pod("sensor") is { Status.Phase: "Running" } ? "" : null, "Running despite conflicts");
        Assert.True(env.Logs.Count(3421) >= 1);
    }

    [Fact]
    public async Task BridgeRestart_KeepsTheVersion_AndDoesNotPublishAnUnchangedDocument()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        var (first, _) = await env.RunPodAsync(PodJson("sensor"));
        var count = env.Devices.Received("pi-1").Count;

        await env.StopBridgeAsync();
        await env.StartBridgeAsync();
        var sync = env.Loop<PodSyncController>();
        await BridgeEnvironment.EventuallyAsync(() => sync.Passes >= 2, "sync passes after the restart");
        Assert.Equal(count, env.Devices.Received("pi-1").Count);
        Assert.Equal(0, sync.Published);

        env.CreatePod(PodJson("second"));
        var next = await env.Devices.WaitForDesiredAsync("pi-1", d => d.Workloads.Count == 2);
        Assert.Equal(first.Version + 1, next.Version);
        // The first pod's workload is exactly as before: the device does not restart it.
        Assert.Equal(JsonSerializer.Serialize(first.Workloads[0], Protocol.Topics.TopicJsonContext.Default.WorkloadSpec),
            JsonSerializer.Serialize(next.Workloads.Single(w => w.Id.Pod == "sensor"), Protocol.Topics.TopicJsonContext.Default.WorkloadSpec));
    }

    internal static WorkloadStatus BridgeEnvironment_Running(WorkloadSpec spec) => DeviceSimulator.Running(spec);

    private static PodCondition? Reachable(Pod pod) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == PodConditions.DeviceReachable);

    private static string WithoutReachable(Pod pod) =>
        JsonSerializer.Serialize(pod.Status! with { Conditions = [.. pod.Status.Conditions!.Where(c => c.Type != PodConditions.DeviceReachable)] }, KubeJsonContext.Default.PodStatus);
}
