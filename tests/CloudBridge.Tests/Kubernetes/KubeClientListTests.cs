using System.Net;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.TestSupport.ApiServer;

namespace EdgeWasm.CloudBridge.Tests.Kubernetes;

public sealed class KubeClientListTests : DoubleTestBase
{
    private void SeedPod(string name, string? node, string app)
    {
        var spec = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "r/i:1" }) };
        if (node is not null) spec["nodeName"] = node;
        Api.Create("v1", "pods", "default", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = app } },
            ["spec"] = spec,
        });
    }

    [Fact]
    public async Task ListAll_ReadsEveryPageOfOneSnapshot()
    {
        for (var i = 0; i < 7; i++) Api.Create("v1", "configmaps", "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"cm-{i}" } });
        var first = await Client.ListAsync(KubeResources.ConfigMaps, "default", new ListOptions { Limit = 3 }, default);

        // A change between pages must not show up in the later pages: they come from the first page's snapshot.
        Api.Create("v1", "configmaps", "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "cm-9-late" } });
        var second = await Client.ListAsync(KubeResources.ConfigMaps, "default", new ListOptions { Limit = 3, Continue = first.Metadata.Continue }, default);
        var all = await Client.ListAllAsync(KubeResources.ConfigMaps, "default", new ListOptions { Limit = 3 }, default);

        Assert.Equal(["cm-0", "cm-1", "cm-2"], first.Items.Select(c => c.Metadata.Name));
        Assert.Equal(4, first.Metadata.RemainingItemCount);
        Assert.Equal(["cm-3", "cm-4", "cm-5"], second.Items.Select(c => c.Metadata.Name));
        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Equal(8, all.Items.Count);
        Assert.Null(all.Metadata.Continue);
        Assert.All(all.Items, c => Assert.Equal("ConfigMap", c.Kind));
    }

    [Fact]
    public async Task AContinueTokenOlderThanTheHistory_IsGone()
    {
        for (var i = 0; i < 4; i++) Api.Create("v1", "configmaps", "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"cm-{i}" } });
        var first = await Client.ListAsync(KubeResources.ConfigMaps, "default", new ListOptions { Limit = 2 }, default);
        Api.Create("v1", "configmaps", "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "newer" } });
        Api.Compact();

        var error = await Assert.ThrowsAsync<KubeApiException>(() =>
            Client.ListAsync(KubeResources.ConfigMaps, "default", new ListOptions { Limit = 2, Continue = first.Metadata.Continue }, default));

        Assert.True(error.IsGone);
        Assert.Equal("Expired", error.Reason);
    }

    [Fact]
    public async Task FieldAndLabelSelectors_Filter()
    {
        SeedPod("on-a", "node-a", "sensor");
        SeedPod("on-b", "node-b", "sensor");
        SeedPod("unscheduled", null, "job");

        var onA = await Client.ListAsync(KubeResources.Pods, null, new ListOptions { FieldSelector = "spec.nodeName=node-a" }, default);
        var notOnA = await Client.ListAsync(KubeResources.Pods, "default", new ListOptions { FieldSelector = "spec.nodeName!=node-a,metadata.namespace=default" }, default);
        var pending = await Client.ListAsync(KubeResources.Pods, null, new ListOptions { FieldSelector = "spec.nodeName=" }, default);
        var sensors = await Client.ListAsync(KubeResources.Pods, "default", new ListOptions { LabelSelector = "app in (sensor, other),!missing" }, default);
        var nonSensors = await Client.ListAsync(KubeResources.Pods, "default", new ListOptions { LabelSelector = "app notin (sensor)" }, default);

        Assert.Equal(["on-a"], onA.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["on-b", "unscheduled"], notOnA.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["unscheduled"], pending.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["on-a", "on-b"], sensors.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["unscheduled"], nonSensors.Items.Select(p => p.Metadata.Name));
    }

    [Theory]
    [InlineData("spec.image=x", "field label not supported: spec.image")]
    [InlineData(null, "unable to parse requirement")]
    public async Task BadSelectors_AreBadRequestsWithTheServerMessage(string? field, string expected)
    {
        var options = field is null ? new ListOptions { LabelSelector = "app in (a" } : new ListOptions { FieldSelector = field };

        var error = await Assert.ThrowsAsync<KubeApiException>(() => Client.ListAsync(KubeResources.Pods, "default", options, default));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_DeliversEventsInOrder_WithBookmarks_AndSelectorExitsAsDeleted()
    {
        SeedPod("w1", "node-a", "sensor");
        var list = await Client.ListAsync(KubeResources.Pods, null, new ListOptions { FieldSelector = "spec.nodeName=node-a" }, default);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<WatchEvent<Pod>>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in Client.WatchAsync(KubeResources.Pods, null,
                new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion, LabelSelector = "app=sensor", TimeoutSeconds = 30 }, cts.Token))
            {
                events.Add(e);
                if (events.Count == 5) return;
            }
        }, cts.Token);
        await WaitUntil(() => Api.OpenWatches == 1);

        SeedPod("w2", "node-a", "sensor");
        Api.MergePatch("v1", "pods", "default", "w1", new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["k"] = "v" } } });
        Api.SendBookmarks();
        Api.MergePatch("v1", "pods", "default", "w2", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "moved" } } });
        SeedPod("other", "node-a", "job");
        Api.Delete("v1", "pods", "default", "w1", gracePeriodSeconds: 0);
        await watching;

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Bookmark, WatchEventType.Deleted, WatchEventType.Deleted],
            events.Select(e => e.Type));
        Assert.Equal(["w2", "w1", null, "w2", "w1"], events.Select(e => e.Object!.Metadata.Name));
        var versions = events.Select(e => long.Parse(e.Object!.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal("sensor", events[3].Object!.Metadata.Labels!["app"]);
    }

    internal static async Task WaitUntil(Func<bool> condition, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("condition not met in time");
            await Task.Delay(10);
        }
    }
}
