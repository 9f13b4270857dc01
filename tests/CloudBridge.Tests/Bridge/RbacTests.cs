using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.StaticPods;
using EdgeWasm.TestSupport.ApiServer;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.Tests.Bridge;

/// <summary>
/// The shipped deploy/kubernetes manifests against what the bridge really does: every request it makes in a full
/// scenario (nodes, leases, pods, status, events, references, deletion, kubectl logs, CA injection into the shipped
/// webhook configuration) must be allowed by the shipped ClusterRole.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed class RbacTests
{
    private static readonly string Deploy = Path.Combine(FindRoot(), "deploy", "kubernetes");

    [Fact]
    public async Task ShippedClusterRole_AllowsEveryRequestTheBridgeMakes()
    {
        var webhook = YamlToJson.Documents(await File.ReadAllTextAsync(Path.Combine(Deploy, "webhook.yaml"))).Single()!.AsObject();
        await using var env = await BridgeEnvironment.StartAsync(
            (o, _) => o.WebhookConfiguration = "edgewasm-tolerations",
            new ApiServerOptions { TokenReviews = t => t == "apiserver" ? ("kube-apiserver-kubelet-client", ["system:masters"]) : null, AccessReviews = _ => true },
            seed: api => api.Create("admissionregistration.k8s.io/v1", "mutatingwebhookconfigurations", null, webhook));
        env.Api!.Create("v1", "configmaps", "default", JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"site","namespace":"default"},"data":{"name":"north"}}""")!.AsObject());
        env.Devices.Logs = (_, r) => new LogsResponse { RequestId = r.RequestId, Workload = r.Workload, Lines = [new(DateTimeOffset.UtcNow, "stdout", "hello")] };
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        var (desired, pod) = await env.RunPodAsync(PodFlowTests.PodJson("sensor", extraContainer: """
            ,"env":[{"name":"SITE","valueFrom":{"configMapKeyRef":{"name":"site","key":"name"}}}]
            """));
        using (var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{env.Port}/containerLogs/default/sensor/main");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "apiserver");
            Assert.Equal("hello\n", await (await http.SendAsync(request)).Content.ReadAsStringAsync());
        }

        await BridgeEnvironment.EventuallyAsync(() => env.Api.Get("admissionregistration.k8s.io/v1", "mutatingwebhookconfigurations", null, "edgewasm-tolerations")!["webhooks"]![0]!["clientConfig"]!["caBundle"] is not null, "caBundle");
        env.Api.Delete("v1", "pods", "default", "sensor");
        var emptied = await env.Devices.WaitForDesiredAsync("pi-1", d => d.Workloads.Count == 0);
        await env.Devices.AppliedAsync("pi-1", emptied.Version);
        await env.Devices.ReportAsync("pi-1", new WorkloadStatus { Id = desired.Workloads[0].Id, PodUid = pod.Metadata.Uid, State = WorkloadState.Terminated, ExitCode = 0, Reason = "Completed" });
        await BridgeEnvironment.EventuallyAsync(() => env.Pod("sensor") is null, "pod deleted");
        await env.Devices.OfflineAsync("pi-1");
        await BridgeEnvironment.EventuallyAsync(() => NodeLoopTests.Ready(env.Node("pi-1")!) == "Unknown", "node Unknown");

        await BridgeEnvironment.EventuallyAsync(() => env.Api.Requests.Any(r => r.Method == "PUT" && r.Target.Contains("/leases/", StringComparison.Ordinal)), "a lease renewal");
        var rules = ClusterRoleRules();
        var made = env.Api.Requests.Select(Describe).Distinct().ToList();
        var refused = made.Where(r => !rules.Any(rule => rule.Allows(r))).ToList();
        Assert.True(refused.Count == 0, "not allowed by deploy/kubernetes/rbac.yaml: " + string.Join(", ", refused));
        // The scenario did exercise the whole role.
        foreach (var expected in new[] { "create nodes", "update nodes/status", "watch pods", "update pods/status", "delete pods", "create events", "get configmaps", "update leases", "create tokenreviews", "create subjectaccessreviews", "patch mutatingwebhookconfigurations" })
        {
            Assert.Contains(made, r => $"{r.Verb} {r.Resource}" == expected);
        }
    }

    private static List<Rule> ClusterRoleRules()
    {
        var role = YamlToJson.Documents(File.ReadAllText(Path.Combine(Deploy, "rbac.yaml"))).Single(d => (string?)d!["kind"] == "ClusterRole")!;
        return [.. role["rules"]!.AsArray().Select(r => new Rule(
            Strings(r!["apiGroups"]), Strings(r["resources"]), Strings(r["verbs"]), r["resourceNames"] is null ? null : Strings(r["resourceNames"])))];
    }

    private static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(n => (string)n!)];

    // A request as RBAC sees it: verb, API group, resource[/subresource], name.
    private static Access Describe(RecordedRequest request)
    {
        var path = request.Target.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (group, rest) = path[0] == "api" ? ("", path[2..]) : (path[1], path[3..]);
        if (rest.Length >= 2 && rest[0] == "namespaces" && rest.Length > 2) rest = rest[2..];
        var resource = rest[0] + (rest.Length > 2 ? "/" + rest[2] : "");
        var name = rest.Length > 1 ? rest[1] : null;
        var verb = request.Method switch
        {
            "GET" when request.Target.Contains("watch=1", StringComparison.Ordinal) => "watch",
            "GET" => name is null ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            _ => "delete",
        };
        return new Access(verb, group, resource, name);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeWasm.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("the repository root (EdgeWasm.sln) is not above " + AppContext.BaseDirectory);
    }

    private sealed record Access(string Verb, string Group, string Resource, string? Name)
    {
        public override string ToString() => $"{Verb} {(Group.Length > 0 ? Group + "/" : "")}{Resource}{(Name is null ? "" : " " + Name)}";
    }

    private sealed record Rule(string[] Groups, string[] Resources, string[] Verbs, string[]? Names)
    {
        public bool Allows(Access a) => Groups.Contains(a.Group) && Resources.Contains(a.Resource) && Verbs.Contains(a.Verb) && (Names is null || (a.Name is not null && Names.Contains(a.Name)));
    }
}
