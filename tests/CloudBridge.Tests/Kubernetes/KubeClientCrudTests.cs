using System.Net;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.TestSupport.ApiServer;

namespace EdgeWasm.CloudBridge.Tests.Kubernetes;

public sealed class KubeClientCrudTests : DoubleTestBase
{
    private static Pod NewPod(string name, string? node = "pi-1") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new Dictionary<string, string> { ["app"] = "sensor" } },
        Spec = new PodSpec { NodeName = node, Containers = [new Container { Name = "main", Image = "registry.local/sensor:1" }] },
    };

    [Fact]
    public async Task Create_FillsServerFields_AndGetReturnsTheSameObject()
    {
        var created = await Client.CreateAsync(KubeResources.Pods, NewPod("a"), default);

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("Pending", created.Status?.Phase);
        Assert.Contains(created.Spec.Tolerations!, t => t.Key == "node.kubernetes.io/unreachable" && t.TolerationSeconds == 300);
        var read = await Client.GetAsync(KubeResources.Pods, "default", "a", default);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal("registry.local/sensor:1", read.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Update_WithAStaleResourceVersion_IsATypedConflictCarryingTheServerMessage()
    {
        var created = await Client.CreateAsync(KubeResources.Pods, NewPod("b"), default);
        var labelled = created with { Metadata = created.Metadata with { Labels = new Dictionary<string, string> { ["app"] = "v2" } } };
        var updated = await Client.UpdateAsync(KubeResources.Pods, labelled, default);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        var stale = created with { Metadata = created.Metadata with { Labels = new Dictionary<string, string> { ["app"] = "v3" } } };
        var error = await Assert.ThrowsAsync<KubeConflictException>(() => Client.UpdateAsync(KubeResources.Pods, stale, default));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal("Conflict", error.Reason);
        Assert.Contains("the object has been modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OfAMissingObject_CarriesTheServerStatus_AndTryGetReturnsNull()
    {
        var error = await Assert.ThrowsAsync<KubeApiException>(() => Client.GetAsync(KubeResources.Pods, "default", "nope", default));

        Assert.True(error.IsNotFound);
        Assert.Equal("NotFound", error.Reason);
        Assert.Contains("pods \"nope\" not found", error.Message, StringComparison.Ordinal);
        Assert.Null(await Client.TryGetAsync(KubeResources.Pods, "default", "nope", default));
    }

    [Fact]
    public async Task Create_OfAnExistingName_IsAlreadyExists_NotAConflict()
    {
        await Client.CreateAsync(KubeResources.Pods, NewPod("dup"), default);

        var error = await Assert.ThrowsAsync<KubeApiException>(() => Client.CreateAsync(KubeResources.Pods, NewPod("dup"), default));

        Assert.IsNotType<KubeConflictException>(error);
        Assert.True(error.IsAlreadyExists);
        Assert.Contains("pods \"dup\" already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithAnInvalidName_CarriesTheInvalidStatus()
    {
        var error = await Assert.ThrowsAsync<KubeApiException>(() => Client.CreateAsync(KubeResources.Pods, NewPod("Bad_Name"), default));

        Assert.Equal((HttpStatusCode)422, error.StatusCode);
        Assert.Equal("Invalid", error.Reason);
        Assert.Equal("metadata.name", error.Status!.Details!.Causes![0].Field);
    }

    [Fact]
    public async Task Delete_OfAMissingObject_IsSuccess()
    {
        Assert.False(await Client.DeleteAsync(KubeResources.Pods, "default", "never-existed", null, default));
    }

    [Fact]
    public async Task Delete_OfAScheduledPod_IsGraceful_UntilDeletedWithGracePeriodZero()
    {
        await Client.CreateAsync(KubeResources.Pods, NewPod("graceful"), default);

        Assert.True(await Client.DeleteAsync(KubeResources.Pods, "default", "graceful", null, default));
        var terminating = await Client.GetAsync(KubeResources.Pods, "default", "graceful", default);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        Assert.Equal(30, terminating.Metadata.DeletionGracePeriodSeconds);

        Assert.True(await Client.DeleteAsync(KubeResources.Pods, "default", "graceful", new DeleteOptions { GracePeriodSeconds = 0 }, default));
        Assert.Null(await Client.TryGetAsync(KubeResources.Pods, "default", "graceful", default));
        Assert.False(await Client.DeleteAsync(KubeResources.Pods, "default", "graceful", new DeleteOptions { GracePeriodSeconds = 0 }, default));
    }

    [Fact]
    public async Task Delete_WithAStaleUidPrecondition_IsAConflict()
    {
        await Client.CreateAsync(KubeResources.Pods, NewPod("pre", node: null), default);

        var error = await Assert.ThrowsAsync<KubeConflictException>(() => Client.DeleteAsync(KubeResources.Pods, "default", "pre",
            new DeleteOptions { Preconditions = new Preconditions { Uid = "00000000-0000-0000-0000-000000000000" } }, default));

        Assert.Contains("Precondition failed: UID", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await Client.TryGetAsync(KubeResources.Pods, "default", "pre", default));
    }

    [Fact]
    public async Task PatchOfTheStatusSubresource_ChangesOnlyStatus()
    {
        await Client.CreateAsync(KubeResources.Pods, NewPod("st"), default);
        var patch = KubePatch.Merge(new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["sneaky"] = "yes" } },
            ["status"] = new JsonObject { ["phase"] = "Running", ["hostIP"] = "10.0.0.7" },
        });

        var patched = await Client.PatchAsync(KubeResources.Pods, "default", "st", patch, "status", default);

        Assert.Equal("Running", patched.Status?.Phase);
        Assert.Equal("10.0.0.7", patched.Status?.HostIP);
        Assert.False(patched.Metadata.Labels!.ContainsKey("sneaky"));
    }

    [Fact]
    public async Task PatchOfTheMainResource_IgnoresStatus_AndBumpsGenerationOnlyForSpecChanges()
    {
        var created = await Client.CreateAsync(KubeResources.Pods, NewPod("main"), default);
        var patch = KubePatch.Merge(new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["tier"] = "edge" } },
            ["status"] = new JsonObject { ["phase"] = "Failed" },
        });

        var patched = await Client.PatchAsync(KubeResources.Pods, "default", "main", patch, null, default);
        var imageChanged = await Client.PatchAsync(KubeResources.Pods, "default", "main",
            KubePatch.StrategicMerge(new JsonObject { ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "registry.local/sensor:2" }) } }),
            null, default);

        Assert.Equal("edge", patched.Metadata.Labels!["tier"]);
        Assert.Equal("Pending", patched.Status?.Phase);
        Assert.Equal(created.Metadata.Generation, patched.Metadata.Generation);
        Assert.Equal("registry.local/sensor:2", imageChanged.Spec.Containers[0].Image);
        Assert.Equal(created.Metadata.Generation + 1, imageChanged.Metadata.Generation);
    }

    [Fact]
    public async Task JsonPatch_WithAnEscapedLabelKey_AddsIt_AndAFailedTestOperationIsRejected()
    {
        await Client.CreateAsync(KubeResources.Pods, NewPod("jp"), default);
        var add = KubePatch.Json(JsonPatchOperation.Add("/metadata/labels/" + KubePatch.EscapePointer("edgewasm.io/device"), "pi-1"));

        var patched = await Client.PatchAsync(KubeResources.Pods, "default", "jp", add, null, default);
        var guarded = KubePatch.Json(JsonPatchOperation.Test("/metadata/labels/app", "other"), JsonPatchOperation.Remove("/metadata/labels/app"));
        var error = await Assert.ThrowsAsync<KubeApiException>(() => Client.PatchAsync(KubeResources.Pods, "default", "jp", guarded, null, default));

        Assert.Equal("pi-1", patched.Metadata.Labels!["edgewasm.io/device"]);
        Assert.Equal((HttpStatusCode)422, error.StatusCode);
        Assert.Equal("sensor", (await Client.GetAsync(KubeResources.Pods, "default", "jp", default)).Metadata.Labels!["app"]);
    }

    [Fact]
    public async Task StrategicMergeOfStatusConditions_MergesByType()
    {
        await Client.CreateAsync(KubeResources.Pods, NewPod("smp"), default);
        PodCondition[] first = [new() { Type = "PodScheduled", Status = "True" }, new() { Type = "example.com/Gate", Status = "False" }];
        await Client.PatchAsync(KubeResources.Pods, "default", "smp", StatusPatch(first), "status", default);

        var patched = await Client.PatchAsync(KubeResources.Pods, "default", "smp", StatusPatch([new() { Type = "Ready", Status = "True" }]), "status", default);

        Assert.Equal(["PodScheduled", "example.com/Gate", "Ready"], patched.Status!.Conditions!.Select(c => c.Type));
    }

    [Fact]
    public async Task UpdateOfAPodSpecBeyondImages_IsForbidden()
    {
        var created = await Client.CreateAsync(KubeResources.Pods, NewPod("immutable"), default);
        var changed = created with { Spec = created.Spec with { RestartPolicy = "Never" } };

        var error = await Assert.ThrowsAsync<KubeApiException>(() => Client.UpdateAsync(KubeResources.Pods, changed, default));

        Assert.Equal((HttpStatusCode)422, error.StatusCode);
        Assert.Contains("pod updates may not change fields", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_KeepsFieldsTheClientDoesNotModel()
    {
        Api.Create("v1", "pods", "default", JsonNode.Parse("""
            {"metadata":{"name":"future"},"spec":{"nodeName":"pi-1","containers":[{"name":"main","image":"x:1","futureField":{"a":1}}],
             "schedulingGates":[{"name":"example.com/gate"}]}}
            """)!.AsObject());
        var pod = await Client.GetAsync(KubeResources.Pods, "default", "future", default);

        await Client.UpdateAsync(KubeResources.Pods, pod with { Metadata = pod.Metadata with { Annotations = new Dictionary<string, string> { ["x"] = "y" } } }, default);

        var stored = Api.Get("v1", "pods", "default", "future")!;
        Assert.Equal(1, (int)stored["spec"]!["containers"]![0]!["futureField"]!["a"]!);
        Assert.Equal("example.com/gate", (string)stored["spec"]!["schedulingGates"]![0]!["name"]!);
        Assert.Equal("y", (string)stored["metadata"]!["annotations"]!["x"]!);
    }

    [Fact]
    public async Task Lease_RoundTripsMicroTimeRenewals()
    {
        var renew = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234560);
        var lease = new Lease
        {
            Metadata = new ObjectMeta { Name = "pi-1", Namespace = KubeResources.NodeLeaseNamespace },
            Spec = new LeaseSpec { HolderIdentity = "pi-1", LeaseDurationSeconds = 40, RenewTime = renew },
        };

        var created = await Client.CreateAsync(KubeResources.Leases, lease, default);

        Assert.Equal("2026-03-01T12:00:00.123456Z", (string)Api.Get("coordination.k8s.io/v1", "leases", "kube-node-lease", "pi-1")!["spec"]!["renewTime"]!);
        Assert.Equal(renew, created.Spec.RenewTime);
    }

    private static KubePatch StatusPatch(PodCondition[] conditions) => KubePatch.StrategicMerge(new JsonObject
    {
        ["status"] = System.Text.Json.JsonSerializer.SerializeToNode(new PodStatus { Conditions = conditions }, KubeJsonContext.Default.PodStatus),
    });
}
