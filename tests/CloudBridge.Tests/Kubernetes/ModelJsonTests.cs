using System.Text.Json;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Tests.Kubernetes;

public sealed class ModelJsonTests
{
    [Theory]
    [InlineData("1", 1000, 1)]
    [InlineData("500m", 500, 1)]
    [InlineData("0.1", 100, 1)]
    [InlineData("1.5", 1500, 2)]
    [InlineData("100u", 1, 1)]
    [InlineData("1n", 1, 1)]
    [InlineData("0.0000000001", 1, 1)]
    [InlineData("2k", 2_000_000, 2000)]
    [InlineData("1Ki", 1_024_000, 1024)]
    [InlineData("1.5Gi", 1_610_612_736_000, 1_610_612_736)]
    [InlineData("64Mi", 67_108_864_000, 67_108_864)]
    [InlineData("1e3", 1_000_000, 1000)]
    [InlineData("1E-3", 1, 1)]
    [InlineData("12e+2", 1_200_000, 1200)]
    [InlineData("+1M", 1_000_000_000, 1_000_000)]
    [InlineData(".5", 500, 1)]
    [InlineData("5.", 5000, 5)]
    [InlineData("0", 0, 0)]
    public void Quantities_ParseExactly_RoundingUpLikeTheApiServer(string text, long milli, long value)
    {
        var q = Quantity.Parse(text);

        Assert.Equal(milli, q.MilliValue);
        Assert.Equal(value, q.Value);
        Assert.Equal(text, q.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1 Mi")]
    [InlineData("1mi")]
    [InlineData("1KI")]
    [InlineData("--1")]
    [InlineData("1e")]
    [InlineData("2e3m")]
    [InlineData("1e1000")]
    [InlineData(".")]
    public void MalformedQuantities_AreRefused(string text) =>
        Assert.False(Quantity.TryParse(text, out _, out _));

    [Fact]
    public void Quantities_CompareByValue_AndConstructedOnesUseCanonicalText()
    {
        Assert.Equal(Quantity.Parse("1"), Quantity.Parse("1000m"));
        Assert.Equal(Quantity.Parse("1Ki"), Quantity.Parse("1024"));
        Assert.True(Quantity.Parse("1Gi") > Quantity.Parse("1G"));
        Assert.Equal("2", Quantity.FromMilli(2000).Text);
        Assert.Equal("1500m", Quantity.FromMilli(1500).Text);
        Assert.Equal("4Gi", Quantity.FromBytes(4L << 30).Text);
        Assert.Equal("1536Mi", Quantity.FromBytes(1536L << 20).Text);
        Assert.Equal("1000", Quantity.FromBytes(1000).Text);
    }

    [Fact]
    public void QuantitiesInJson_AreReadFromStringsOrNumbers_AndWrittenAsStrings()
    {
        var status = JsonSerializer.Deserialize("""{"capacity":{"cpu":4,"memory":"3814Mi","pods":"110"}}""", KubeJsonContext.Default.NodeStatus)!;

        Assert.Equal(4000, status.Capacity!["cpu"].MilliValue);
        Assert.Contains("\"cpu\":\"4\"", JsonSerializer.Serialize(status, KubeJsonContext.Default.NodeStatus), StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"capacity":{"cpu":"lots"}}""", KubeJsonContext.Default.NodeStatus));
    }

    [Fact]
    public void Times_AreWrittenAsTheApiServerWritesThem()
    {
        var at = new DateTimeOffset(2026, 5, 4, 3, 2, 1, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var pod = new Pod { Metadata = new ObjectMeta { Name = "p", CreationTimestamp = at } };
        var lease = new Lease { Spec = new LeaseSpec { RenewTime = at } };

        var podJson = JsonSerializer.Serialize(pod, KubeJsonContext.Default.Pod);
        var leaseJson = JsonSerializer.Serialize(lease, KubeJsonContext.Default.Lease);

        Assert.Contains("\"creationTimestamp\":\"2026-05-04T01:02:01Z\"", podJson, StringComparison.Ordinal);
        Assert.Contains("\"renewTime\":\"2026-05-04T01:02:01.123456Z\"", leaseJson, StringComparison.Ordinal);
        Assert.Equal(at.AddTicks(-7), JsonSerializer.Deserialize(leaseJson, KubeJsonContext.Default.Lease)!.Spec.RenewTime);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"metadata":{"creationTimestamp":"yesterday"}}""", KubeJsonContext.Default.Pod));
    }

    [Fact]
    public void MissingSections_KeepTheirDefaults_AndUnknownFieldsSurviveARoundTrip()
    {
        var pod = JsonSerializer.Deserialize("""{"metadata":{"name":"p","futureMeta":1},"spec":{"containers":[{"name":"c","newField":[1,2]}],"schedulingGates":[{"name":"g"}]}}""",
            KubeJsonContext.Default.Pod)!;
        var bare = JsonSerializer.Deserialize("{}", KubeJsonContext.Default.Pod)!;
        var status = JsonSerializer.Deserialize("""{"name":"c"}""", KubeJsonContext.Default.PodStatus);

        var json = JsonSerializer.Serialize(pod, KubeJsonContext.Default.Pod);

        Assert.Equal("Pod", bare.Kind);
        Assert.NotNull(bare.Spec.Containers);
        Assert.NotNull(bare.Metadata);
        Assert.NotNull(status);
        Assert.Contains("\"futureMeta\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"newField\":[1,2]", json, StringComparison.Ordinal);
        Assert.Contains("\"schedulingGates\":[{\"name\":\"g\"}]", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WireNamesThatAreNotCamelCase_AreSpelledAsTheApiSpellsThem()
    {
        var node = new Node { Status = new NodeStatus { DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = 10250 } }, NodeInfo = new NodeSystemInfo { MachineId = "m" } } };
        var pod = new Pod { Spec = new PodSpec { HostPid = true, HostIpc = false }, Status = new PodStatus { HostIP = "1.2.3.4", PodIPs = [new IPAddressEntry { Ip = "1.2.3.4" }] } };

        var nodeJson = JsonSerializer.Serialize(node, KubeJsonContext.Default.Node);
        var podJson = JsonSerializer.Serialize(pod, KubeJsonContext.Default.Pod);

        Assert.Contains("\"kubeletEndpoint\":{\"Port\":10250}", nodeJson, StringComparison.Ordinal);
        Assert.Contains("\"machineID\":\"m\"", nodeJson, StringComparison.Ordinal);
        Assert.Contains("\"hostPID\":true", podJson, StringComparison.Ordinal);
        Assert.Contains("\"hostIP\":\"1.2.3.4\"", podJson, StringComparison.Ordinal);
        Assert.Contains("\"podIPs\":[{\"ip\":\"1.2.3.4\"}]", podJson, StringComparison.Ordinal);
    }
}
