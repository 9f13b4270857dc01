using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;

namespace EdgeWasm.CloudBridge.Tests.Bridge;

/// <summary>Digests pinned at admission against a real OCI registry (docker-registry with htpasswd), with the pod's pull secret.</summary>
[Collection(BridgeCollection.Name)]
public sealed class DigestPinningTests
{
    private const string User = "puller";
    private const string Password = "s3cret";

    [Fact]
    public async Task Tag_IsPinnedWhenThePodIsAdmitted_WithItsPullSecret_AndStaysPinnedWhenTheTagMoves()
    {
        await using var registry = await OciRegistryFixture.StartAsync(new RegistryAuth.Htpasswd(new Dictionary<string, string> { [User] = Password }));
        // No reuse of resolved digests between pods, so the second pod sees the moved tag at once.
        await using var env = await BridgeEnvironment.StartAsync(tune: t => t with { DigestCacheFor = TimeSpan.Zero });
        var first = await PushAsync(registry, "sensors/avg", "1.0", "module one"u8.ToArray());
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
        var auths = new JsonObject { ["auths"] = new JsonObject { [registry.Host] = new JsonObject { ["auth"] = basic } } }.ToJsonString();
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes(auths));
        env.Api!.Create("v1", "secrets", "default", JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"regcred","namespace":"default"},"type":"kubernetes.io/dockerconfigjson",
             "data":{".dockerconfigjson":"{{{data}}}"}}
            """)!.AsObject());
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);
        var image = $"{registry.Host}/sensors/avg:1.0";
        env.CreatePod(Pod("one", image));

        var desired = await env.Devices.WaitForDesiredAsync("pi-1", d => d.Workloads.Count == 1);
        var workload = desired.Workloads[0];
        Assert.Equal(first, workload.Digest);
        Assert.Equal(new RegistryCredential(registry.Host, User, Password), Assert.Single(workload.PullCredentials));

        // The tag moves: a pod admitted now gets the new digest; the running one keeps what it was admitted with.
        var second = await PushAsync(registry, "sensors/avg", "1.0", "module two"u8.ToArray());
        env.CreatePod(Pod("two", image));
        var both = await env.Devices.WaitForDesiredAsync("pi-1", d => d.Workloads.Count == 2);
        Assert.Equal(first, both.Workloads.Single(w => w.Id.Pod == "one").Digest);
        Assert.Equal(second, both.Workloads.Single(w => w.Id.Pod == "two").Digest);
        Assert.NotEqual(first, second);
        env.AssertNoUnexpectedErrors();
    }

    private static string Pod(string name, string image) => $$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"default"},
         "spec":{"nodeName":"pi-1","imagePullSecrets":[{"name":"regcred"}],"containers":[{"name":"main","image":"{{{image}}}"}]}}
        """;

    // Pushes a one-layer wasm artifact as `edgewasm push` does and returns its manifest digest.
    private static async Task<ContentDigest> PushAsync(OciRegistryFixture registry, string repository, string tag, byte[] module)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{registry.Host}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        var config = "{}"u8.ToArray();
        foreach (var blob in new[] { config, module })
        {
            using var start = await http.PostAsync($"/v2/{repository}/blobs/uploads/", null);
            start.EnsureSuccessStatusCode();
            var location = start.Headers.Location!.ToString();
            var put = new ByteArrayContent(blob);
            put.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var done = await http.PutAsync($"{location}{(location.Contains('?', StringComparison.Ordinal) ? '&' : '?')}digest={ContentDigest.Compute(blob).Value}", put);
            done.EnsureSuccessStatusCode();
        }

        var manifest = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.wasm.config.v1+json","digest":"{{ContentDigest.Compute(config).Value}}","size":{{config.Length}}},
             "layers":[{"mediaType":"application/vnd.wasm.content.layer.v1+wasm","digest":"{{ContentDigest.Compute(module).Value}}","size":{{module.Length}}}]}
            """);
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        using var response = await http.PutAsync($"/v2/{repository}/manifests/{tag}", content);
        response.EnsureSuccessStatusCode();
        return ContentDigest.Compute(manifest);
    }
}
