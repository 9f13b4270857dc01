using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Admission;
using EdgeWasm.TestSupport.ApiServer.Patching;

namespace EdgeWasm.CloudBridge.Tests.Admission;

public sealed class TolerationMutatorTests
{
    // What DefaultTolerationSeconds has added by the time mutating webhooks run.
    private const string Defaults = """
        {"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},
        {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}
        """;

    [Theory]
    [InlineData("""{"nodeSelector":{"kubernetes.io/arch":"wasm32-wasi"}}""", true)]
    [InlineData("""{"nodeSelector":{"kubernetes.io/os":"wasm32-wasi"}}""", true)]
    [InlineData("""{"nodeSelector":{"edgewasm.io/profile":"raspberry-pi-4-4gb"}}""", true)]
    [InlineData("""{"nodeSelector":{"kubernetes.io/arch":"amd64"}}""", false)]
    [InlineData("""{"nodeName":"pi-1"}""", true)]
    [InlineData("""{"nodeName":"worker-3"}""", false)]
    [InlineData("""{"tolerations":[{"key":"kubernetes.io/arch","operator":"Equal","value":"wasm32-wasi","effect":"NoSchedule"}]}""", true)]
    [InlineData("""{"tolerations":[{"operator":"Exists"}]}""", false)]
    [InlineData("""{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"kubernetes.io/arch","operator":"In","values":["wasm32-wasi"]}]}]}}}}""", true)]
    [InlineData("""{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"kubernetes.io/arch","operator":"In","values":["wasm32-wasi","amd64"]}]}]}}}}""", false)]
    [InlineData("""{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"kubernetes.io/arch","operator":"In","values":["wasm32-wasi"]}]},{"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}]}}}}""", false)]
    [InlineData("""{}""", false)]
    public void TargetsWasm_Table(string spec, bool expected)
    {
        Assert.Equal(expected, TolerationMutator.TargetsWasm(JsonNode.Parse(spec)!.AsObject(), name => name == "pi-1"));
    }

    [Fact]
    public void Patch_ReplacesTheAdmissionDefaults_WithTolerationsWithoutSeconds_AndKeepsTheRest()
    {
        var pod = Pod($$"""
            {"nodeSelector":{"kubernetes.io/arch":"wasm32-wasi"},"tolerations":[
             {"key":"kubernetes.io/arch","operator":"Equal","value":"wasm32-wasi","effect":"NoExecute"},{{Defaults}}]}
            """);

        var patched = Apply(pod, TolerationMutator.Patch(pod, _ => false)!);

        var tolerations = Tolerations(patched);
        Assert.Equal(3, tolerations.Count);
        Assert.Contains(tolerations, t => (string?)t["key"] == "kubernetes.io/arch");
        foreach (var key in new[] { TolerationMutator.Unreachable, TolerationMutator.NotReady })
        {
            var t = Assert.Single(tolerations, t => (string?)t["key"] == key);
            Assert.Equal(("Exists", "NoExecute"), ((string?)t["operator"], (string?)t["effect"]));
            Assert.Null(t["tolerationSeconds"]);
        }
    }

    [Fact]
    public void Patch_AddsTheListWhenThePodHasNone()
    {
        var pod = Pod("""{"nodeName":"pi-1"}""");

        var tolerations = Tolerations(Apply(pod, TolerationMutator.Patch(pod, n => n == "pi-1")!));

        Assert.Equal([TolerationMutator.NotReady, TolerationMutator.Unreachable], tolerations.Select(t => (string)t["key"]!));
    }

    [Fact]
    public void Patch_IsNullForPodsOfOtherNodes_AndForPodsThatAlreadyTolerateForever()
    {
        Assert.Null(TolerationMutator.Patch(Pod($$"""
            {"tolerations":[{{Defaults}}]}
            """), _ => false));
        Assert.Null(TolerationMutator.Patch(Pod("""
            {"nodeSelector":{"kubernetes.io/arch":"wasm32-wasi"},"tolerations":[
             {"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute"},
             {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute"}]}
            """), _ => false));
    }

    [Fact]
    public void Patch_LeavesAUsersOwnShorterToleration_ButStillAddsTheForeverOne()
    {
        var pod = Pod("""
            {"nodeSelector":{"kubernetes.io/arch":"wasm32-wasi"},"tolerations":[
             {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":60}]}
            """);

        var tolerations = Tolerations(Apply(pod, TolerationMutator.Patch(pod, _ => false)!));

        Assert.Contains(tolerations, t => (long?)t["tolerationSeconds"] == 60);
        Assert.Contains(tolerations, t => (string?)t["key"] == TolerationMutator.Unreachable && t["tolerationSeconds"] is null);
    }

    private static JsonObject Pod(string spec) => JsonNode.Parse($$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{{spec}}}""")!.AsObject();

    private static JsonNode Apply(JsonObject pod, JsonArray patch) => JsonPatch.Apply(pod.DeepClone(), patch);

    private static List<JsonObject> Tolerations(JsonNode pod) => [.. ((JsonArray)pod["spec"]!["tolerations"]!).Select(t => t!.AsObject())];
}
