using EdgeWasm.CloudBridge.Hosting;
using EdgeWasm.TestSupport;

namespace EdgeWasm.CloudBridge.Tests.Hosting;

public sealed class BridgeOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new("options");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Validate_StaticMode_WithABroker_IsFine()
    {
        Assert.Empty(new BridgeOptions { Mqtt = "mqtt://127.0.0.1:1883", Manifests = _dir.Path }.Validate());
    }

    [Fact]
    public void Validate_NamesEveryProblem()
    {
        var errors = new BridgeOptions
        {
            Mqtt = "http://broker",
            Manifests = _dir.Combine("missing"),
            Kubeconfig = _dir.Combine("nope.yaml"),
            Devices = ["Pi_1"],
            Listen = "somewhere",
            HeartbeatTimeoutSeconds = 0,
            TlsCertFile = _dir.Combine("cert.pem"),
        }.Validate();

        Assert.Contains(errors, e => e.StartsWith("--mqtt: broker URL 'http://broker'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("--manifests (static pod mode, no cluster) and --kubeconfig exclude each other", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--manifests: folder", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--kubeconfig: file", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--device: device id 'Pi_1'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--listen 'somewhere'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--heartbeat-timeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e == "--tls-cert-file and --tls-key-file go together");
    }

    [Fact]
    public void Validate_NoClusterAndNoManifests_SaysWhatToGive()
    {
        var errors = new BridgeOptions { Mqtt = "mqtt://b" }.Validate();

        Assert.Contains(errors, e => e.StartsWith("no cluster to talk to: give --kubeconfig FILE", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_RefusesInvalidOptions_WithTheWholeList()
    {
        var error = Assert.Throws<ArgumentException>(() => BridgeHost.Build(new BridgeOptions { Manifests = _dir.Path }));

        Assert.Contains("--mqtt is required", error.Message, StringComparison.Ordinal);
    }
}
