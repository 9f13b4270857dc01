using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.StaticPods;
using EdgeWasm.TestSupport;

namespace EdgeWasm.CloudBridge.Tests.StaticPods;

public sealed class ManifestReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("manifests");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("a: 8080", "{\"a\":8080}")]
    [InlineData("a: \"8080\"", "{\"a\":\"8080\"}")]
    [InlineData("a: true\nb: False\nc: 'true'", "{\"a\":true,\"b\":false,\"c\":\"true\"}")]
    [InlineData("a: ~\nb: null\nc:", "{\"a\":null,\"b\":null,\"c\":null}")]
    [InlineData("a: 0.5\nb: 250m\nc: 1e3", "{\"a\":0.5,\"b\":\"250m\",\"c\":1000}")]
    [InlineData("a: [1, x]\nb: {c: d}", "{\"a\":[1,\"x\"],\"b\":{\"c\":\"d\"}}")]
    [InlineData("base: &b {x: 1}\ncopy: *b", "{\"base\":{\"x\":1},\"copy\":{\"x\":1}}")]
    public void YamlToJson_TypesScalarsAsKubernetesDoes(string yaml, string json)
    {
        Assert.Equal(json, Assert.Single(YamlToJson.Documents(yaml))!.ToJsonString());
    }

    [Fact]
    public void YamlToJson_BadYaml_IsAFormatErrorThatSaysWhere()
    {
        Assert.Matches("^line \\d+, column \\d+: ", Assert.Throws<FormatException>(() => YamlToJson.Documents("a: 1\n  b: 2")).Message);
        Assert.NotEmpty(Assert.Throws<FormatException>(() => YamlToJson.Documents("a: [1, 2\nb: 3")).Message);
    }

    [Fact]
    public void Read_PodsConfigMapsSecrets_AndEveryProblemNamingItsFile()
    {
        Write("app.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: app}
            spec:
              nodeName: pi-1
              containers: [{name: main, image: reg/app:1, ports: [{containerPort: 8080}]}]
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds, namespace: edge}
            stringData: {token: abc}
            """);
        Write("config.json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"site"},"data":{"name":"north"}}""");
        Write("broken.yml", "kind: [");
        Write("service.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s}");
        Write("twice-a.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: dup}\nspec: {containers: [{name: c, image: i}]}");
        Write("twice-b.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: dup}\nspec: {containers: [{name: c, image: i}]}");
        Write("notes.txt", "not a manifest");
        Write(".hidden.yaml", "kind: [");

        var set = ManifestReader.Read(_dir.Path);

        var (pod, file) = Assert.Single(set.Pods);
        Assert.Equal(("default", "app", 8080), (pod.Metadata.Namespace, pod.Metadata.Name, pod.Spec.Containers[0].Ports![0].Port));
        Assert.EndsWith("app.yaml", file, StringComparison.Ordinal);
        Assert.Equal("north", set.ConfigMaps["default/site"].Data!["name"]);
        Assert.Equal("abc"u8.ToArray(), set.Secrets["edge/creds"].Data!["token"]);
        Assert.Equal(3, set.Problems.Count);
        Assert.Contains(set.Problems, p => p.Contains("broken.yml", StringComparison.Ordinal));
        Assert.Contains(set.Problems, p => p.Contains("service.yaml", StringComparison.Ordinal) && p.Contains("kind 'Service' is not supported", StringComparison.Ordinal));
        Assert.Contains(set.Problems, p => p.Contains("pod default/dup is defined in more than one place", StringComparison.Ordinal));
    }

    [Fact]
    public void StaticPodStore_EditedFileIsANewPod_TheOldOneIsDeletedGracefully()
    {
        Write("app.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec: {nodeName: pi-1, containers: [{name: c, image: i:1}]}");
        var store = new StaticPodStore(_dir.Path, new FakeTimeProvider());
        Assert.Empty(store.Reload());
        var first = Assert.Single(store.PodsOn("pi-1"));
        Assert.Equal(first.Metadata.Uid, Assert.Single(new StaticPodStore(_dir.Path, new FakeTimeProvider()) is var again && again.Reload().Count == 0 ? again.PodsOn("pi-1") : []).Metadata.Uid);

        Write("app.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec: {nodeName: pi-1, containers: [{name: c, image: i:2}]}");
        store.Reload();

        var pods = store.PodsOn("pi-1");
        Assert.Equal(2, pods.Count);
        Assert.NotNull(pods.Single(p => p.Metadata.Uid == first.Metadata.Uid).Metadata.DeletionTimestamp);
        Assert.Equal("i:2", store.Find("default", "app")!.Spec.Containers[0].Image);
    }

    [Fact]
    public void StaticPodStore_PodWithoutNodeName_IsAProblem()
    {
        Write("app.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec: {containers: [{name: c, image: i:1}]}");

        var problems = new StaticPodStore(_dir.Path, new FakeTimeProvider()).Reload();

        Assert.Contains("has no spec.nodeName", Assert.Single(problems), StringComparison.Ordinal);
    }

    private void Write(string name, string text) => File.WriteAllText(_dir.Combine(name), text);
}
