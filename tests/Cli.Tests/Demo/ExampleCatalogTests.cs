using EdgeWasm.Cli.Demo;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Demo;

/// <summary>The repository's examples as the demo reads them, and their manifests rewritten for the demo.</summary>
public sealed class ExampleCatalogTests
{
    private static readonly string Examples = Path.Combine(Fixtures.RepoRoot, "examples");

    [Fact]
    public void Load_FindsEveryExample_WithItsExpectation_OnTheDeviceThatSuitsIt()
    {
        var pods = ExampleCatalog.Load(Examples, DemoDevice.All);

        Assert.Equal(["crasher", "http-hello", "memory-hog", "prime-job", "sensor-average", "spinner"], pods.Select(p => p.Name));
        Assert.All(pods, p => Assert.Equal("examples/" + p.Name, p.Repository));
        Assert.All(pods, p => Assert.Equal("0.1.0", p.Tag));
        Assert.Equal("phase=Failed reason=OOMKilled", pods.Single(p => p.Name == "memory-hog").Expectation.ToString());
        Assert.Equal("reason=CrashLoopBackOff restarts>=1", pods.Single(p => p.Name == "crasher").Expectation.ToString());
        Assert.Equal("gateway", pods.Single(p => p.Name == "http-hello").Device.Id);
        Assert.Equal("pi-zero", pods.Single(p => p.Name == "spinner").Device.Id);
    }

    [Fact]
    public void Rewrite_MovesTheImage_PlacesThePodOnItsDevice_AndReplacesTheContainerPort()
    {
        var hello = ExampleCatalog.Load(Examples, DemoDevice.All).Single(p => p.Name == "http-hello");

        var manifest = ExampleCatalog.Rewrite(hello, "127.0.0.1:41000", port => port + 30000);

        Assert.Contains("image: 127.0.0.1:41000/examples/http-hello:0.1.0", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost:5000", manifest, StringComparison.Ordinal);
        Assert.Contains("spec:\n  nodeName: gateway\n", manifest, StringComparison.Ordinal);
        Assert.Contains("containerPort: 38080", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnExampleWithoutExpectation_IsAnErrorNamingItsFile()
    {
        using var dir = new TempDirectory("demo-catalog");
        Directory.CreateDirectory(dir.Combine("odd"));
        File.WriteAllText(dir.Combine("odd", "odd.c"), "int main(void) { return 0; }\n");
        File.WriteAllText(dir.Combine("odd", "pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: odd\nspec:\n  containers:\n  - name: odd\n    image: localhost:5000/examples/odd:1\n");

        var error = Assert.Throws<FormatException>(() => ExampleCatalog.Load(dir.Path, DemoDevice.All));

        Assert.Contains(dir.Combine("odd", "pod.yaml"), error.Message, StringComparison.Ordinal);
        Assert.Contains("demo.edgewasm.io/expect", error.Message, StringComparison.Ordinal);
    }
}
