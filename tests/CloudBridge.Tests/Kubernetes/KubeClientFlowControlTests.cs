using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Config;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.TestSupport.ApiServer;
using EdgeWasm.TestSupport;

namespace EdgeWasm.CloudBridge.Tests.Kubernetes;

public sealed class KubeClientFlowControlTests
{
    private static readonly JsonObject Pod = JsonNode.Parse("""{"metadata":{"name":"x"},"spec":{"containers":[{"name":"c","image":"r/i:1"}]}}""")!.AsObject();

    private static int Count(KubeApiServerDouble api, string method, string pathEnd) =>
        api.Requests.Count(r => r.Method == method && r.Target.Split('?')[0].EndsWith(pathEnd, StringComparison.Ordinal));

    [Fact]
    public async Task TooManyRequests_IsRetried_AfterTheRetryAfterTheServerAsked()
    {
        var time = new FakeTimeProvider();
        await using var api = KubeApiServerDouble.Start(new ApiServerOptions { Time = time });
        api.Create("v1", "pods", "default", Pod);
        var failure = api.Fail(r => r.Method == "GET", 429, times: 1, retryAfterSeconds: 3);
        using var client = KubeTestClient.Connect(api, KubeTestClient.FastOptions, time);

        var get = client.GetAsync(KubeResources.Pods, "default", "x", default);
        await KubeClientListTests.WaitUntil(() => failure.Hits == 1);
        var waited = await AdvanceUntil(time, () => Count(api, "GET", "/pods/x") == 2, TimeSpan.FromMilliseconds(100));
        var pod = await get;

        Assert.Equal("x", pod.Metadata.Name);
        Assert.InRange(waited, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5));
    }

    [Fact]
    public async Task ServerErrors_AreRetriedForReads_ButACreateIsNotRepeated()
    {
        await using var api = KubeApiServerDouble.Start();
        api.Create("v1", "pods", "default", Pod);
        api.Fail(r => r.Method == "GET", 500, times: 2);
        api.Fail(r => r.Method == "POST", 500, times: 1);
        var logger = new TestLogger<KubeClient>();
        using var client = KubeTestClient.Connect(api, logger: logger);

        var read = await client.GetAsync(KubeResources.Pods, "default", "x", default);
        var error = await Assert.ThrowsAsync<KubeApiException>(() =>
            client.CreateAsync(KubeResources.ConfigMaps, new ConfigMap { Metadata = new ObjectMeta { Name = "c", Namespace = "default" } }, default));

        Assert.Equal("x", read.Metadata.Name);
        Assert.Equal(3, Count(api, "GET", "/pods/x"));
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("injected failure 500 (InternalError, 500)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Count(api, "POST", "/configmaps"));
        Assert.Equal(2, logger.Count(3201));
    }

    [Fact]
    public async Task Retries_StopAfterMaxRetries_WithTheLastError()
    {
        await using var api = KubeApiServerDouble.Start();
        api.Fail(r => r.Method == "GET", 503, times: 100);
        using var client = KubeTestClient.Connect(api, new KubeClientOptions
        {
            Qps = 0, MaxRetries = 2, RetryInitialDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        });

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync(KubeResources.Pods, "default", "x", default));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("ServiceUnavailable", error.Reason);
        Assert.Equal(3, Count(api, "GET", "/pods/x"));
    }

    [Fact]
    public async Task ConnectionRefused_IsRetried_ThenSurfaces()
    {
        var connection = new KubeConnection { Server = new Uri($"https://127.0.0.1:{FreePort.Next()}"), BearerToken = "t", Description = "nowhere" };
        var logger = new TestLogger<KubeClient>();
        using var client = new KubeClient(connection, KubeTestClient.FastOptions with { MaxRetries = 3 }, TimeProvider.System, logger);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(KubeResources.Nodes, null, "n", default));

        Assert.Equal(3, logger.Count(3201));
    }

    [Fact]
    public async Task RateLimiter_LetsABurstThrough_ThenPacesRequestsAtQps()
    {
        var time = new FakeTimeProvider();
        await using var api = KubeApiServerDouble.Start(new ApiServerOptions { Time = time });
        using var client = KubeTestClient.Connect(api, KubeTestClient.FastOptions with { Qps = 2, Burst = 2 }, time);

        var gets = Enumerable.Range(0, 5).Select(_ => client.TryGetAsync(KubeResources.Nodes, null, "n", default)).ToList();
        await KubeClientListTests.WaitUntil(() => Count(api, "GET", "/nodes/n") == 2);
        var start = time.GetTimestamp();
        var arrivals = new List<TimeSpan>();
        for (var n = 3; n <= 5; n++)
        {
            await AdvanceUntil(time, () => Count(api, "GET", "/nodes/n") >= n, TimeSpan.FromMilliseconds(50));
            arrivals.Add(time.GetElapsedTime(start));
        }

        await Task.WhenAll(gets);
        Assert.Equal(5, Count(api, "GET", "/nodes/n"));
        for (var i = 0; i < 3; i++) Assert.InRange(arrivals[i], TimeSpan.FromSeconds(0.5 * (i + 1)), TimeSpan.FromSeconds(0.5 * (i + 1) + 0.3));
    }

    [Fact]
    public async Task AWrongToken_IsUnauthorized_WithTheServerStatus()
    {
        await using var api = KubeApiServerDouble.Start();
        using var client = new KubeClient(KubeConfigLoader.FromYaml(api.Kubeconfig("    token: wrong"), api.Certificates.Directory),
            KubeTestClient.FastOptions, TimeProvider.System, new TestLogger<KubeClient>());

        var error = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync(KubeResources.Nodes, null, "n", default));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("Unauthorized", error.Reason);
    }

    // Moves the fake clock in small steps until the condition holds; returns how far it moved.
    private static async Task<TimeSpan> AdvanceUntil(FakeTimeProvider time, Func<bool> condition, TimeSpan step)
    {
        var moved = TimeSpan.Zero;
        while (!condition())
        {
            if (moved > TimeSpan.FromMinutes(1)) throw new TimeoutException("nothing happened within a fake minute");
            await Task.Delay(15);
            if (condition()) break;
            time.Advance(step);
            moved += step;
        }

        return moved;
    }
}
