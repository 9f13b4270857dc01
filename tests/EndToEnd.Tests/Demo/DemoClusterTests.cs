using EdgeWasm.TestSupport;
using EdgeWasm.TestSupport.ApiServer;
using Xunit.Abstractions;

namespace EdgeWasm.EndToEnd.Tests.Demo;

/// <summary>
/// <c>edgewasm demo --kubeconfig</c>: the example pods are created in the cluster (here the API server double, which
/// follows the real protocol), the bridge serves the three devices as its nodes, the table comes from the cluster,
/// and the demo deletes its pods when it ends.
/// </summary>
public sealed class DemoClusterTests(ITestOutputHelper output)
{
    private static readonly string[] Examples = ["crasher", "http-hello", "memory-hog", "prime-job", "sensor-average", "spinner"];

    [Fact]
    public async Task WithAKubeconfig_ThePodsRunThroughTheCluster_AndAreDeletedWhenTheDemoEnds()
    {
        await using var api = KubeApiServerDouble.Start();
        using var dir = new TempDirectory("demo-cluster");
        var kubeconfig = dir.Combine("kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, api.Kubeconfig());

        using var demo = DemoRun.Start("--until-settled", "--timeout", "240s", "--kubeconfig", kubeconfig);
        var exit = await demo.Process.WaitForExitAsync(TimeSpan.FromMinutes(5));
        output.WriteLine(demo.Process.Output);

        Assert.Equal(0, exit);
        Assert.Contains("6/6 examples as expected", demo.Process.Output, StringComparison.Ordinal);
        foreach (var node in new[] { "pi-zero", "pi-4", "gateway" })
        {
            Assert.Equal("wasm32-wasi", (string?)api.Get("v1", "nodes", null, node)?["metadata"]?["labels"]?["kubernetes.io/arch"]);
        }

        // Every example pod is gone or on its way out (its device may not have stopped it before the bridge was).
        foreach (var name in Examples)
        {
            var pod = api.Get("v1", "pods", "default", name);
            Assert.True(pod is null || pod["metadata"]?["deletionTimestamp"] is not null, $"pod {name} was not deleted: {pod}");
        }
    }
}
