using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Informers;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.TestSupport.ApiServer;

namespace EdgeWasm.CloudBridge.Tests.Kubernetes;

public sealed class InformerTests
{
    private static readonly InformerOptions Options = new()
    {
        FieldSelector = "spec.nodeName=node-a",
        PageSize = 2,
        BackoffInitial = TimeSpan.FromMilliseconds(10),
        BackoffMax = TimeSpan.FromMilliseconds(100),
    };

    private sealed class Harness : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public Harness(KubeApiServerDouble api, InformerOptions? options = null)
        {
            Api = api;
            Client = KubeTestClient.Connect(api);
            Informer = new Informer<Pod>(Client, KubeResources.Pods, null, options ?? Options, TimeProvider.System, Logger, Events.Enqueue);
            _run = Informer.RunAsync(_stop.Token);
        }

        public KubeApiServerDouble Api { get; }

        public KubeClient Client { get; }

        public TestLogger<KubeClient> Logger { get; } = new();

        public ConcurrentQueue<InformerEvent<Pod>> Events { get; } = new();

        public Informer<Pod> Informer { get; }

        public List<string> Seen() => [.. Events.Select(e => $"{e.Type}:{e.Object.Metadata.Name}")];

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _run);
            Client.Dispose();
            Logger.AssertNoErrors();
            _stop.Dispose();
        }
    }

    private static void SeedPod(KubeApiServerDouble api, string name, string node = "node-a") =>
        api.Create("v1", "pods", "default", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["nodeName"] = node, ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "r/i:1" }) },
        });

    private static void Touch(KubeApiServerDouble api, string name, string value) =>
        api.MergePatch("v1", "pods", "default", name, new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["touch"] = value } } });

    private static string Names(Informer<Pod> informer) => string.Join(",", informer.List().Select(p => p.Metadata.Name).Order());

    [Fact]
    public async Task ItListsInPages_ThenFollowsTheWatch()
    {
        await using var api = KubeApiServerDouble.Start();
        foreach (var n in new[] { "p1", "p2", "p3" }) SeedPod(api, n);
        SeedPod(api, "elsewhere", "node-b");
        await using var h = new Harness(api);
        await h.Informer.WaitForSyncAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.Equal("p1,p2,p3", Names(h.Informer));

        SeedPod(api, "p4");
        Touch(api, "p1", "1");
        api.Delete("v1", "pods", "default", "p2", gracePeriodSeconds: 0);
        await KubeClientListTests.WaitUntil(() => h.Events.Count == 6);

        Assert.Equal(["Added:p1", "Added:p2", "Added:p3", "Added:p4", "Modified:p1", "Deleted:p2"], h.Seen());
        Assert.Equal("p1,p3,p4", Names(h.Informer));
        Assert.Equal("1", h.Informer.Get("default", "p1")!.Metadata.Annotations!["touch"]);
        Assert.Equal(1, h.Informer.ListCount);
        Assert.Equal(api.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), h.Informer.LastResourceVersion);
    }

    [Fact]
    public async Task ADroppedWatch_ResumesFromTheLastResourceVersion_WithoutRelisting()
    {
        await using var api = KubeApiServerDouble.Start();
        SeedPod(api, "p1");
        await using var h = new Harness(api);
        await h.Informer.WaitForSyncAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        await KubeClientListTests.WaitUntil(() => api.OpenWatches == 1);

        api.DropConnections();
        Touch(api, "p1", "while-away");
        SeedPod(api, "p2");
        await KubeClientListTests.WaitUntil(() => h.Events.Count == 3);

        Assert.Equal(["Added:p1", "Modified:p1", "Added:p2"], h.Seen());
        Assert.Equal(1, h.Informer.ListCount);
        Assert.True(h.Logger.Count(3216) >= 1, string.Join("\n", h.Logger.Entries.Select(e => $"{e.Id.Id} {e.Message}")));
        var watches = api.Requests.Where(r => r.Target.Contains("watch=1", StringComparison.Ordinal)).ToList();
        Assert.True(watches.Count >= 2);
        Assert.Contains("allowWatchBookmarks=true", watches[^1].Target, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A410Gone_AsAnErrorEventOrAsHttpStatus_ForcesARelist_WhoseDifferenceArrivesAsEvents(bool goneAsHttpStatus)
    {
        await using var api = KubeApiServerDouble.Start(new ApiServerOptions { GoneAsHttpStatus = goneAsHttpStatus });
        SeedPod(api, "keep");
        SeedPod(api, "doomed");
        await using var h = new Harness(api);
        await h.Informer.WaitForSyncAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        await KubeClientListTests.WaitUntil(() => api.OpenWatches == 1);

        // While the watch is away, history is compacted past its resourceVersion: resuming must fail with 410.
        api.DropConnections();
        api.Delete("v1", "pods", "default", "doomed", gracePeriodSeconds: 0);
        SeedPod(api, "newcomer");
        api.Compact();
        await KubeClientListTests.WaitUntil(() => h.Informer.ListCount == 2 && h.Events.Count == 4);

        Assert.Equal(["Added:doomed", "Added:keep", "Added:newcomer", "Deleted:doomed"], h.Seen());
        Assert.Equal("keep,newcomer", Names(h.Informer));
        Assert.Equal(1, h.Logger.Count(3213));
    }

    [Fact]
    public async Task Bookmarks_MoveTheResourceVersionOn_WhenNothingMatchingChanges()
    {
        await using var api = KubeApiServerDouble.Start();
        SeedPod(api, "p1");
        await using var h = new Harness(api);
        await h.Informer.WaitForSyncAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        await KubeClientListTests.WaitUntil(() => api.OpenWatches == 1);
        var before = h.Informer.LastResourceVersion;

        SeedPod(api, "other-node-pod", "node-b");
        Touch(api, "other-node-pod", "x");
        api.SendBookmarks();
        var expected = api.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await KubeClientListTests.WaitUntil(() => h.Informer.LastResourceVersion == expected);

        Assert.NotEqual(before, expected);
        Assert.Equal(["Added:p1"], h.Seen());
    }

    [Fact]
    public async Task APodMovingOutOfTheSelection_IsDeletedFromTheCache()
    {
        await using var api = KubeApiServerDouble.Start();
        SeedPod(api, "p1");
        await using var h = new Harness(api, Options with { FieldSelector = null, LabelSelector = "app=sensor" });
        api.MergePatch("v1", "pods", "default", "p1", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "sensor" } } });
        await KubeClientListTests.WaitUntil(() => h.Events.Count == 1);

        api.MergePatch("v1", "pods", "default", "p1", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "other" } } });
        await KubeClientListTests.WaitUntil(() => h.Events.Count == 2);

        Assert.Equal(["Added:p1", "Deleted:p1"], h.Seen());
        Assert.Empty(h.Informer.List());
    }
}
