using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Admission;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.TestSupport.ApiServer.Patching;
using EdgeWasm.CloudBridge.Tests.Bridge;

namespace EdgeWasm.CloudBridge.Tests.Admission;

/// <summary>The webhook as the API server calls it: a real AdmissionReview v1 body over HTTPS, a JSON patch back.</summary>
[Collection(BridgeCollection.Name)]
public sealed class PodMutationWebhookTests
{
    // An AdmissionReview as kube-apiserver 1.30 sends it for `kubectl run`-like pod creation (after DefaultTolerationSeconds).
    private const string Review = """
        {"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{
          "uid":"3b0e1c2a-5d7f-4f6e-9a1b-2c3d4e5f6a7b",
          "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
          "requestKind":{"group":"","version":"v1","kind":"Pod"},"requestResource":{"group":"","version":"v1","resource":"pods"},
          "name":"sensor","namespace":"default","operation":"CREATE",
          "userInfo":{"username":"kubernetes-admin","groups":["system:masters","system:authenticated"]},
          "object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"sensor","namespace":"default","creationTimestamp":null},
            "spec":{"containers":[{"name":"main","image":"registry.local:5000/sensors/avg:1.0","resources":{},"terminationMessagePath":"/dev/termination-log",
              "terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,
              "dnsPolicy":"ClusterFirst","nodeSelector":{"kubernetes.io/arch":"wasm32-wasi"},"securityContext":{},"schedulerName":"default-scheduler",
              "tolerations":[{"key":"kubernetes.io/arch","operator":"Equal","value":"wasm32-wasi","effect":"NoSchedule"},
                {"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},
                {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],
              "priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority"},"status":{}},
          "oldObject":null,"dryRun":false,
          "options":{"kind":"CreateOptions","apiVersion":"meta.k8s.io/v1","fieldManager":"kubectl-run"}}}
        """;

    [Fact]
    public async Task MutatePods_AnswersAnAdmissionReview_WithAJsonPatchAddingTheNoEvictionTolerations()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        using var http = Insecure(env);

        using var response = await http.PostAsync("/mutate/pods", new StringContent(Review, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("admission.k8s.io/v1", "AdmissionReview"), ((string?)answer["apiVersion"], (string?)answer["kind"]));
        var result = answer["response"]!;
        Assert.Equal("3b0e1c2a-5d7f-4f6e-9a1b-2c3d4e5f6a7b", (string?)result["uid"]);
        Assert.True((bool)result["allowed"]!);
        Assert.Equal("JSONPatch", (string?)result["patchType"]);
        var patch = JsonNode.Parse(Convert.FromBase64String((string)result["patch"]!))!.AsArray();
        var pod = JsonPatch.Apply(JsonNode.Parse(Review)!["request"]!["object"]!.DeepClone(), patch).Deserialize(KubeJsonContext.Default.Pod)!;
        Assert.Equal(3, pod.Spec.Tolerations!.Count);
        Assert.Contains(pod.Spec.Tolerations, t => t is { Key: TolerationMutator.Unreachable, Effect: "NoExecute", TolerationSeconds: null });
        Assert.Contains(pod.Spec.Tolerations, t => t is { Key: TolerationMutator.NotReady, Effect: "NoExecute", TolerationSeconds: null });
        Assert.Equal(1, env.Logs.Count(3600));
    }

    [Fact]
    public async Task MutatePods_AllowsOtherPodsUnchanged_AndRefusesWhatIsNotAReview()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        using var http = Insecure(env);
        var other = Review.Replace("\"nodeSelector\":{\"kubernetes.io/arch\":\"wasm32-wasi\"},", "", StringComparison.Ordinal)
            .Replace("{\"key\":\"kubernetes.io/arch\",\"operator\":\"Equal\",\"value\":\"wasm32-wasi\",\"effect\":\"NoSchedule\"},", "", StringComparison.Ordinal);

        var answer = JsonNode.Parse(await (await http.PostAsync("/mutate/pods", new StringContent(other, Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
        Assert.True((bool)answer["response"]!["allowed"]!);
        Assert.Null(answer["response"]!["patch"]);

        var bad = await http.PostAsync("/mutate/pods", new StringContent("""{"kind":"Pod"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task CaBundleInjector_PutsTheBridgesCaIntoEveryWebhookOfItsConfiguration()
    {
        await using var env = await BridgeEnvironment.StartAsync();
        env.Api!.Create("admissionregistration.k8s.io/v1", "mutatingwebhookconfigurations", null, JsonNode.Parse("""
            {"apiVersion":"admissionregistration.k8s.io/v1","kind":"MutatingWebhookConfiguration","metadata":{"name":"edgewasm-tolerations"},
             "webhooks":[{"name":"tolerations.edgewasm.io","clientConfig":{"service":{"namespace":"edgewasm-system","name":"edgewasm-bridge","path":"/mutate/pods","port":10250}},
               "rules":[{"operations":["CREATE"],"apiGroups":[""],"apiVersions":["v1"],"resources":["pods"]}],"admissionReviewVersions":["v1"],"sideEffects":"None","failurePolicy":"Ignore"}]}
            """)!.AsObject());
        var ca = await File.ReadAllTextAsync(Path.Combine(env.Options.DataDirectory, CloudBridge.KubeletApi.ServingCertificate.CaFileName));
        var injector = new CaBundleInjector(env.Service<KubeClient>(), "edgewasm-tolerations", ca, new TestLogger<CaBundleInjector>());

        await injector.InjectAsync(CancellationToken.None);

        var stored = env.Api.Get("admissionregistration.k8s.io/v1", "mutatingwebhookconfigurations", null, "edgewasm-tolerations")!;
        Assert.Equal(ca, Encoding.UTF8.GetString(Convert.FromBase64String((string)stored["webhooks"]![0]!["clientConfig"]!["caBundle"]!)));
        Assert.Equal("edgewasm-bridge", (string?)stored["webhooks"]![0]!["clientConfig"]!["service"]!["name"]);
    }

    private static HttpClient Insecure(BridgeEnvironment env) => new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
    {
        BaseAddress = new Uri($"https://127.0.0.1:{env.Port}"),
    };
}
