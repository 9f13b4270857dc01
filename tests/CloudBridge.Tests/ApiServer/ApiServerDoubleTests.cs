using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Kubernetes.Config;
using EdgeWasm.CloudBridge.Tests.Kubernetes;
using EdgeWasm.TestSupport.ApiServer;
using EdgeWasm.TestSupport.ApiServer.Patching;

namespace EdgeWasm.CloudBridge.Tests.ApiServer;

/// <summary>The double itself, spoken to over raw HTTP: it must answer as a real API server does.</summary>
public sealed class ApiServerDoubleTests : IAsyncLifetime
{
    private KubeApiServerDouble _api = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _api = KubeApiServerDouble.Start(new ApiServerOptions { HistoryCapacity = 50 });
        _http = Raw(_api);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
    }

    private static HttpClient Raw(KubeApiServerDouble api)
    {
        var connection = KubeConfigLoader.FromYaml(api.Kubeconfig(), api.Certificates.Directory);
        var http = new HttpClient(KubeHttpHandlerFactory.Create(connection)) { BaseAddress = api.Url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Options.Token);
        return http;
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> Send(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    private async Task<List<JsonObject>> Watch(string path, int expected)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = new List<JsonObject>();
        while (events.Count < expected && await reader.ReadLineAsync(cts.Token) is { } line) events.Add(JsonNode.Parse(line)!.AsObject());
        return events;
    }

    private static string Pod(string name, string? node = "pi-1")
    {
        var spec = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "r/i:1" }) };
        if (node is not null) spec["nodeName"] = node;
        return new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec }.ToJsonString();
    }

    [Theory]
    [InlineData("""{"limits":{"cpu":"1","memory":"64Mi"},"requests":{"cpu":"1000m","memory":"67108864"}}""", "Guaranteed")]
    [InlineData("""{"limits":{"cpu":"500m","memory":"0.5Gi"}}""", "Guaranteed")]
    [InlineData("""{"limits":{"cpu":"1","memory":"64Mi"},"requests":{"cpu":"999m","memory":"64Mi"}}""", "Burstable")]
    [InlineData("""{"limits":{"memory":"1e3"},"requests":{"memory":"1k"}}""", "Burstable")]
    [InlineData("{}", "BestEffort")]
    public async Task QosClass_ComparesQuantitiesByValue(string resources, string expected)
    {
        var pod = JsonNode.Parse(Pod("qos-" + expected.ToLowerInvariant()))!.AsObject();
        pod["spec"]!["containers"]![0]!["resources"] = JsonNode.Parse(resources);

        var (status, created) = await Send(HttpMethod.Post, "/api/v1/namespaces/default/pods", pod.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(expected, (string?)created["status"]!["qosClass"]);
    }

    [Fact]
    public async Task NotFound_IsAStatusShapedAsTheApiServersOwn()
    {
        using var raw = await _http.GetAsync("/api/v1/namespaces/default/pods/ghost");
        var pod = await raw.Content.ReadAsStringAsync();
        var (_, lease) = await Send(HttpMethod.Get, "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/ghost");
        var (pathStatus, path) = await Send(HttpMethod.Get, "/api/v1/namespaces/default/widgets");

        Assert.Equal(HttpStatusCode.NotFound, raw.StatusCode);
        Assert.Equal("application/json", raw.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"ghost\" not found","reason":"NotFound","details":{"name":"ghost","kind":"pods"},"code":404}""",
            pod);
        Assert.Equal("leases.coordination.k8s.io \"ghost\" not found", (string?)lease["message"]);
        Assert.Equal("coordination.k8s.io", (string?)lease["details"]!["group"]);
        Assert.Equal(HttpStatusCode.NotFound, pathStatus);
        Assert.Equal("the server could not find the requested resource", (string?)path["message"]);
    }

    [Theory]
    [InlineData("POST", "/api/v1/namespaces/missing/pods", """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i"}]}}""", "application/json", 404, "namespaces \"missing\" not found")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", """{"metadata":{"name":"p","namespace":"other"},"spec":{"containers":[{"name":"c","image":"i"}]}}""", "application/json", 400, "does not match the namespace sent on the request")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", """{"apiVersion":"v2","metadata":{"name":"p"}}""", "application/json", 400, "the API version in the data (v2) does not match the expected API version (v1)")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", """{"metadata":{"name":"p"},"spec":{"containers":[]}}""", "application/json", 422, "Pod \"p\" is invalid: spec.containers: Required value")]
    [InlineData("POST", "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"c","labels":{"bad key!":"v"}}}""", "application/json", 422, "metadata.labels: Invalid value: \"bad key!\"")]
    [InlineData("POST", "/api/v1/namespaces/default/pods", "{not json", "application/json", 400, "the request body is not valid JSON")]
    [InlineData("PATCH", "/api/v1/namespaces/kube-system", """{"metadata":{"labels":{"a":"b"}}}""", "application/apply-patch+yaml", 415, "the body of the request was in an unknown format")]
    [InlineData("POST", "/api/v1/namespaces/default/pods/p", "{}", "application/json", 405, "the server does not allow this method on the requested resource")]
    [InlineData("GET", "/api/v1/pods?watch=1&resourceVersion=999999", null, null, 504, "Too large resource version: 999999")]
    public async Task BadRequests_GetTheStatusAndCodeARealServerGives(string method, string path, string? body, string? contentType, int code, string message)
    {
        var (status, result) = await Send(new HttpMethod(method), path, body, contentType ?? "application/json");

        Assert.Equal(code, (int)status);
        Assert.Equal(code, (int)result["code"]!);
        Assert.Contains(message, (string)result["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourceVersions_AreGlobalAndIncreasing_AndANoOpUpdateKeepsIt()
    {
        var (_, cm) = await Send(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"a"},"data":{"k":"v"}}""");
        var (_, lease) = await Send(HttpMethod.Post, "/apis/coordination.k8s.io/v1/namespaces/default/leases", """{"metadata":{"name":"l"},"spec":{}}""");
        var (_, same) = await Send(HttpMethod.Put, "/api/v1/namespaces/default/configmaps/a", cm.ToJsonString());
        var (_, changed) = await Send(HttpMethod.Put, "/api/v1/namespaces/default/configmaps/a", MergePatchText(cm, """{"data":{"k":"w"}}"""));

        var rvs = new[] { cm, lease, same, changed }.Select(o => long.Parse((string)o["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(rvs[1] > rvs[0]);
        Assert.Equal(rvs[0], rvs[2]);
        Assert.True(rvs[3] > rvs[1]);
        Assert.Equal(rvs[3], _api.ResourceVersion);
    }

    [Fact]
    public async Task TheStatusSubresource_ChangesOnlyStatus_AndAStaleVersionThereIsAConflict()
    {
        var (_, pod) = await Send(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("s"));
        var attempt = MergePatchText(pod, """{"spec":{"activeDeadlineSeconds":5},"status":{"phase":"Running"}}""");

        var (okStatus, updated) = await Send(HttpMethod.Put, "/api/v1/namespaces/default/pods/s/status", attempt);
        var (staleStatus, stale) = await Send(HttpMethod.Put, "/api/v1/namespaces/default/pods/s/status", attempt);
        var (_, main) = await Send(HttpMethod.Put, "/api/v1/namespaces/default/pods/s", MergePatchText(updated, """{"status":{"phase":"Failed"},"metadata":{"labels":{"x":"y"}}}"""));

        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal("Running", (string?)updated["status"]!["phase"]);
        Assert.Null(updated["spec"]!["activeDeadlineSeconds"]);
        Assert.Equal(HttpStatusCode.Conflict, staleStatus);
        Assert.Equal("Conflict", (string?)stale["reason"]);
        Assert.Equal("Running", (string?)main["status"]!["phase"]);
        Assert.Equal("y", (string?)main["metadata"]!["labels"]!["x"]);
    }

    [Fact]
    public async Task AWatchFromZero_StartsWithTheCurrentObjects_AndOnlyAllowedWatchesGetBookmarks()
    {
        await Send(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("a"));
        await Send(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("b"));

        var withBookmarks = Watch("/api/v1/namespaces/default/pods?watch=1&resourceVersion=0&allowWatchBookmarks=true", 4);
        var without = Watch("/api/v1/namespaces/default/pods?watch=1&resourceVersion=0", 3);
        await KubeClientListTests.WaitUntil(() => _api.OpenWatches == 2);
        _api.SendBookmarks();
        await Send(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("c"));

        Assert.Equal(["ADDED a", "ADDED b", "BOOKMARK ", "ADDED c"], (await withBookmarks).Select(e => $"{e["type"]} {e["object"]!["metadata"]!["name"]}"));
        Assert.Equal(["ADDED a", "ADDED b", "ADDED c"], (await without).Select(e => $"{e["type"]} {e["object"]!["metadata"]!["name"]}"));
        var bookmark = (await withBookmarks)[2]["object"]!.AsObject();
        Assert.Equal("Pod", (string?)bookmark["kind"]);
        Assert.Equal(2, bookmark.Count(p => p.Key is "kind" or "apiVersion"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWatchFromACompactedVersion_Is410Gone(bool asHttpStatus)
    {
        await using var api = KubeApiServerDouble.Start(new ApiServerOptions { GoneAsHttpStatus = asHttpStatus });
        using var http = Raw(api);
        var old = api.ResourceVersion;
        api.Create("v1", "configmaps", "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x" } });
        api.Compact();

        using var response = await http.GetAsync($"/api/v1/configmaps?watch=true&resourceVersion={old}", HttpCompletionOption.ResponseHeadersRead);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var status = asHttpStatus ? JsonNode.Parse(lines.Single())! : JsonNode.Parse(lines.Single())!["object"]!;
        Assert.Equal(asHttpStatus ? HttpStatusCode.Gone : HttpStatusCode.OK, response.StatusCode);
        if (!asHttpStatus) Assert.Equal("ERROR", (string?)JsonNode.Parse(lines.Single())!["type"]);
        Assert.Equal(410, (int)status["code"]!);
        Assert.Equal("Expired", (string?)status["reason"]);
        Assert.StartsWith($"too old resource version: {old} (", (string?)status["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoundedHistory_MakesOldVersionsGone_ButRecentOnesResumeInOrder()
    {
        var start = _api.ResourceVersion;
        for (var i = 0; i < 60; i++) _api.Create("v1", "configmaps", "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"c{i}" } });
        var recent = _api.ResourceVersion - 3;

        var gone = await Watch($"/api/v1/configmaps?watch=1&resourceVersion={start}", 1);
        var resumed = await Watch($"/api/v1/configmaps?watch=1&resourceVersion={recent}", 3);

        Assert.Equal("ERROR", (string?)gone[0]["type"]);
        Assert.Equal(["c57", "c58", "c59"], resumed.Select(e => (string)e["object"]!["metadata"]!["name"]!));
    }

    [Fact]
    public async Task TimeoutSeconds_EndsTheWatchCleanly()
    {
        using var response = await _http.GetAsync("/api/v1/pods?watch=1&timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead);

        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", body);
    }

    [Fact]
    public async Task Deletion_IsImmediateForUnscheduledPods_AndWaitsForFinalizersElsewhere()
    {
        await Send(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("floating", node: null));
        await Send(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"held","finalizers":["example.com/keep"]}}""");
        var watching = Watch($"/api/v1/namespaces/default/configmaps?watch=1&resourceVersion={_api.ResourceVersion}", 2);

        var (podStatus, _) = await Send(HttpMethod.Delete, "/api/v1/namespaces/default/pods/floating");
        var (_, held) = await Send(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/held", """{"gracePeriodSeconds":0}""");
        await Send(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/held", """[{"op":"remove","path":"/metadata/finalizers"}]""", "application/json-patch+json");

        Assert.Equal(HttpStatusCode.OK, podStatus);
        Assert.Null(_api.Get("v1", "pods", "default", "floating"));
        Assert.NotNull(held["metadata"]!["deletionTimestamp"]);
        Assert.Null(_api.Get("v1", "configmaps", "default", "held"));
        Assert.Equal(["MODIFIED", "DELETED"], (await watching).Select(e => (string)e["type"]!));
    }

    [Fact]
    public async Task AnExactListOfAnOlderVersion_ShowsTheStateThen()
    {
        _api.Create("v1", "configmaps", "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "early" } });
        var then = _api.ResourceVersion;
        _api.Create("v1", "configmaps", "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "late" } });
        _api.Delete("v1", "configmaps", "default", "early");

        var (_, list) = await Send(HttpMethod.Get, $"/api/v1/namespaces/default/configmaps?resourceVersion={then}&resourceVersionMatch=Exact");
        var (_, now) = await Send(HttpMethod.Get, "/api/v1/namespaces/default/configmaps");

        Assert.Equal(["early"], list["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
        Assert.Equal(then.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)list["metadata"]!["resourceVersion"]);
        Assert.Equal(["late"], now["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
        Assert.Equal("ConfigMapList", (string?)now["kind"]);
        Assert.Null(now["items"]![0]!["kind"]);
    }

    [Fact]
    public async Task EventsOfBothApiGroups_HaveTheirUrls()
    {
        var (core, _) = await Send(HttpMethod.Post, "/api/v1/namespaces/default/events", """{"metadata":{"name":"e1"},"involvedObject":{"kind":"Pod","name":"p"},"reason":"Started"}""");
        var (v1, created) = await Send(HttpMethod.Post, "/apis/events.k8s.io/v1/namespaces/default/events",
            """{"metadata":{"name":"e2"},"regarding":{"kind":"Pod","name":"p"},"reason":"Started","eventTime":"2026-01-01T00:00:00.000000Z","reportingController":"kubelet","reportingInstance":"pi-1","action":"Start"}""");
        var (_, list) = await Send(HttpMethod.Get, "/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dp,reason%3DStarted");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (core, v1));
        Assert.Equal("events.k8s.io/v1", (string?)created["apiVersion"]);
        Assert.Equal(["e1"], list["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
    }

    private static string MergePatchText(JsonObject target, string patch) => MergePatch.Apply(target, JsonNode.Parse(patch))!.ToJsonString();
}
