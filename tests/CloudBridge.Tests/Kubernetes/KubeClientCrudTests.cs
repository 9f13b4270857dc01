using System.Net;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Tests.ApiServer;

namespace EdgeWasm.CloudBridge.Tests.Kubernetes;

public sealed class KubeClientCrudTests : IAsyncLifetime
{
    private KubeApiServerDouble _api = null!;
    private KubeClient _client = null!;

    public Task InitializeAsync()
    {
        _api = KubeApiServerDouble.Start();
        _client = KubeTestClient.Connect(_api);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    private static Pod NewPod(string name, string? node = "pi-1") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new Dictionary<string, string> { ["app"] = "sensor" } },
        Spec = new PodSpec { NodeName = node, Containers = [new Container { Name = "main", Image = "registry.local/sensor:1" }] },
    };

    [Fact]
    public async Task Create_FillsServerFields_AndGetReturnsTheSameObject()
    {
        var created = await _client.CreateAsync(KubeResources.Pods, NewPod("a"), default);

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("Pending", created.Status?.Phase);
        Assert.Contains(created.Spec.Tolerations!, t => t.Key == "node.kubernetes.io/unreachable" && t.TolerationSeconds == 300);
        var read = await _client.GetAsync(KubeResources.Pods, "default", "a", default);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal("registry.local/sensor:1", read.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Update_WithAStaleResourceVersion_IsATypedConflictCarryingTheServerMessage()
    {
        var created = await _client.CreateAsync(KubeResources.Pods, NewPod("b"), default);
        var labelled = created with { Metadata = created.Metadata with { Labels = new Dictionary<string, string> { ["app"] = "v2" } } };
        var updated = await _client.UpdateAsync(KubeResources.Pods, labelled, default);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        var stale = created with { Metadata = created.Metadata with { Labels = new Dictionary<string, string> { ["app"] = "v3" } } };
        var error = await Assert.ThrowsAsync<KubeConflictException>(() => _client.UpdateAsync(KubeResources.Pods, stale, default));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal("Conflict", error.Reason);
        Assert.Contains("the object has been modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OfAMissingObject_CarriesTheServerStatus_AndTryGetReturnsNull()
    {
        var error = await Assert.ThrowsAsync<KubeApiException>(() => _client.GetAsync(KubeResources.Pods, "default", "nope", default));

        Assert.True(error.IsNotFound);
        Assert.Equal("NotFound", error.Reason);
        Assert.Contains("pods \"nope\" not found", error.Message, StringComparison.Ordinal);
        Assert.Null(await _client.TryGetAsync(KubeResources.Pods, "default", "nope", default));
    }
}
