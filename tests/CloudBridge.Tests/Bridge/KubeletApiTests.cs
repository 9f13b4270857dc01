using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.KubeletApi;
using EdgeWasm.TestSupport;
using EdgeWasm.TestSupport.ApiServer;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.Tests.Bridge;

/// <summary>kubectl logs' path: the kubelet-compatible HTTPS endpoint, its authentication and authorization, and logs from the device over MQTT.</summary>
[Collection(BridgeCollection.Name)]
public sealed class KubeletApiTests
{
    private const string ApiServerToken = "apiserver-token";
    private const string AliceToken = "alice-token";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static ApiServerOptions Reviews() => new()
    {
        TokenReviews = token => token switch
        {
            ApiServerToken => ("system:kube-apiserver-kubelet-client", ["system:masters"]),
            AliceToken => ("alice", ["developers"]),
            _ => null,
        },
        // Only the API server's kubelet client (by token or by client certificate) may proxy to nodes.
        AccessReviews = spec => (string?)spec["user"] is "system:kube-apiserver-kubelet-client" or "client"
            && (string?)spec["resourceAttributes"]!["resource"] == "nodes" && (string?)spec["resourceAttributes"]!["subresource"] == "proxy"
            && (string?)spec["resourceAttributes"]!["verb"] == "get",
    };

    [Fact]
    public async Task ContainerLogs_ServesTheDevicesLinesWithTailAndTimestamps_OverTlsTheBridgesCaVerifies()
    {
        await using var env = await StartWithLogsAsync();
        using var http = Client(env);

        var response = await GetAsync(http, "/containerLogs/default/sensor/main?tailLines=2&timestamps=true", ApiServerToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("2026-01-01T10:00:01.5Z avg=21.5\n2026-01-01T10:00:02Z avg=21.7\n", await response.Content.ReadAsStringAsync());
        var (device, request) = Assert.Single(env.Devices.LogsRequests);
        Assert.Equal(("pi-1", 2, new WorkloadId("default", "sensor", "main")), (device, request.TailLines, request.Workload));
    }

    [Fact]
    public async Task ContainerLogs_AppliesLimitBytesAndSince_AndRefusesBadQueries()
    {
        await using var env = await StartWithLogsAsync();
        using var http = Client(env);

        Assert.Equal("avg=2", await (await GetAsync(http, "/containerLogs/default/sensor/main?limitBytes=5", ApiServerToken)).Content.ReadAsStringAsync());
        Assert.Equal("avg=21.7\n", await (await GetAsync(http, "/containerLogs/default/sensor/main?sinceTime=2026-01-01T10:00:02Z", ApiServerToken)).Content.ReadAsStringAsync());
        var both = await GetAsync(http, "/containerLogs/default/sensor/main?sinceTime=2026-01-01T10:00:02Z&sinceSeconds=5", ApiServerToken);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Contains("at most one of `sinceTime` or `sinceSeconds`", await both.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(http, "/containerLogs/default/sensor/main?tailLines=-1", ApiServerToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(http, "/containerLogs/default/sensor/main?previous=true", ApiServerToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, "/containerLogs/default/nosuch/main", ApiServerToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, "/containerLogs/default/sensor/other", ApiServerToken)).StatusCode);
    }

    [Fact]
    public async Task ContainerLogs_NeedsAnAuthenticatedAndAuthorizedCaller()
    {
        await using var env = await StartWithLogsAsync();
        using var http = Client(env);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, "/containerLogs/default/sensor/main", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, "/containerLogs/default/sensor/main", "forged")).StatusCode);
        var forbidden = await GetAsync(http, "/containerLogs/default/sensor/main", AliceToken);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.StartsWith("Forbidden (user=alice, verb=get, resource=nodes, subresource=proxy)", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(env.Devices.LogsRequests);
    }

    [Fact]
    public async Task ContainerLogs_AcceptsTheApiServersClientCertificate_VerifiedAgainstTheClientCa()
    {
        await using var env = await StartWithLogsAsync(o => o.ClientCaFile = TestCertificates.Shared.CaCertFile);
        var pki = TestCertificates.Shared;
        using var certificate = X509Certificate2.CreateFromPemFile(pki.ClientCertFile, pki.ClientKeyFile);
        using var exportable = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        using var http = Client(env, exportable);

        var response = await GetAsync(http, "/containerLogs/default/sensor/main?tailLines=1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("avg=21.7\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ContainerLogs_Follow_StreamsNewLinesUntilTheContainerStops()
    {
        var lines = new List<LogEntry> { new(T0, "stdout", "first") };
        await using var env = await StartWithLogsAsync(lines: lines);
        using var http = Client(env);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/containerLogs/default/sensor/main?follow=true");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiServerToken);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("first", await reader.ReadLineAsync());
        lock (lines)
        {
            lines.Add(new LogEntry(T0, "stdout", "same instant"));
            lines.Add(new LogEntry(T0.AddSeconds(1), "stdout", "second"));
        }

        Assert.Equal("same instant", await reader.ReadLineAsync());
        Assert.Equal("second", await reader.ReadLineAsync());
        var spec = env.Devices.Received("pi-1")[^1].Workloads[0];
        await env.Devices.ReportAsync("pi-1", new WorkloadStatus { Id = spec.Id, PodUid = spec.PodUid, State = WorkloadState.Terminated, ExitCode = 0, Reason = "Completed", FinishedAt = DateTimeOffset.UtcNow });
        // The stream ends with the run.
        Assert.Null(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task<BridgeEnvironment> StartWithLogsAsync(Action<CloudBridge.Hosting.BridgeOptions>? configure = null, List<LogEntry>? lines = null)
    {
        var env = await BridgeEnvironment.StartAsync((o, _) => configure?.Invoke(o), Reviews());
        lines ??= [new(T0, "stdout", "avg=21.3"), new(T0.AddSeconds(1.5), "stdout", "avg=21.5"), new(T0.AddSeconds(2), "stdout", "avg=21.7")];
        // As the agent answers from its log ring: lines since the time asked, the last N, newest last.
        env.Devices.Logs = (_, request) =>
        {
            List<LogEntry> selected;
            lock (lines) selected = [.. lines.Where(l => request.Since is null || l.At >= request.Since)];
            if (request.TailLines is { } tail) selected = selected.TakeLast(tail).ToList();
            return new LogsResponse { RequestId = request.RequestId, Workload = request.Workload, Lines = selected };
        };
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        await env.RunPodAsync(PodFlowTests.PodJson("sensor"));
        return env;
    }

    // Trusts only the CA the bridge made and kept in its data folder: the chain must verify, with the name 127.0.0.1.
    private static HttpClient Client(BridgeEnvironment env, X509Certificate2? clientCertificate = null)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(env.Options.DataDirectory, ServingCertificate.CaFileName));
        return CustomCaHttpClient.Create(ca, new Uri($"https://127.0.0.1:{env.Port}"), clientCertificate);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
