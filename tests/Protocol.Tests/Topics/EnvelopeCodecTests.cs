using System.Text;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.Protocol.Tests.Topics;

public sealed class EnvelopeCodecTests
{
    private static readonly TopicAddress Reported = new("pi-1", TopicKind.Reported);
    private static readonly TopicAddress Desired = new("pi-1", TopicKind.Desired);

    private static readonly ReportedChange Change = new()
    {
        DeviceId = "pi-1",
        Stream = "s1",
        Sequence = 7,
        ObservedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Kind = ReportedChangeKind.WorkloadStatus,
        Workload = new WorkloadStatus { Id = new WorkloadId("default", "p", "c"), State = WorkloadState.Running },
    };

    [Fact]
    public void ReportedChange_RoundTrips()
    {
        var bytes = EnvelopeCodec.Encode(Change, TopicJsonContext.Default.ReportedChange, TopicKind.Reported, PayloadLimits.Default.Reported, "change 7");

        Assert.True(EnvelopeCodec.TryDecode(bytes, TopicJsonContext.Default.ReportedChange, Reported, PayloadLimits.Default.Reported, out var back, out var reason), reason);
        Assert.Equal(Change.Sequence, back.Sequence);
        Assert.Equal(Change.Workload, back.Workload);
        Assert.Contains("\"kind\":\"WorkloadStatus\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_OverTheLimit_ThrowsWithSizesAndNeverTruncates()
    {
        var big = new DesiredState
        {
            DeviceId = "pi-1",
            Version = 3,
            Workloads = [new WorkloadSpec { Id = new WorkloadId("a", "b", "c"), Image = "x", Args = [new string('x', 5000)] }],
        };

        var error = Assert.Throws<PayloadTooLargeException>(() => EnvelopeCodec.Encode(big, TopicJsonContext.Default.DesiredState, TopicKind.Desired, 4096, "desired v3"));

        Assert.Equal(4096, error.Limit);
        Assert.True(error.Size > 5000);
        Assert.Contains("desired v3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("null", "null")]
    [InlineData("{", "malformed JSON")]
    [InlineData("[1,2]", "malformed JSON")]
    [InlineData("{\"deviceId\":\"pi-1\",\"stream\":\"s\",\"sequence\":1,\"observedAt\":\"2026-01-01T00:00:00Z\"}", "malformed JSON")]
    [InlineData("{\"deviceId\":\"pi-2\",\"stream\":\"s\",\"sequence\":1,\"observedAt\":\"2026-01-01T00:00:00Z\",\"kind\":\"AppliedVersion\",\"appliedVersion\":1}", "does not match")]
    [InlineData("{\"deviceId\":\"pi-1\",\"stream\":\"s\",\"sequence\":0,\"observedAt\":\"2026-01-01T00:00:00Z\",\"kind\":\"AppliedVersion\",\"appliedVersion\":1}", "not positive")]
    [InlineData("{\"deviceId\":\"pi-1\",\"stream\":\"s\",\"sequence\":1,\"observedAt\":\"2026-01-01T00:00:00Z\",\"kind\":\"AppliedVersion\"}", "exactly its own payload")]
    [InlineData("{\"deviceId\":\"pi-1\",\"stream\":\"s\",\"sequence\":1,\"observedAt\":\"2026-01-01T00:00:00Z\",\"kind\":\"Teleport\",\"appliedVersion\":1}", "malformed JSON")]
    [InlineData("{\"deviceId\":\"pi-1\",\"stream\":\"s\",\"sequence\":1,\"observedAt\":\"yesterday\",\"kind\":\"AppliedVersion\",\"appliedVersion\":1}", "malformed JSON")]
    public void TryDecode_BadPayloads_AreRefusedWithAReason(string json, string expected)
    {
        Assert.False(EnvelopeCodec.TryDecode(Encoding.UTF8.GetBytes(json), TopicJsonContext.Default.ReportedChange, Reported, 65536, out _, out var reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_OverTheLimit_IsRefusedBeforeParsing()
    {
        var payload = new byte[2048];
        Assert.False(EnvelopeCodec.TryDecode(payload, TopicJsonContext.Default.ReportedChange, Reported, 1024, out _, out var reason));
        Assert.Contains("over the 1024-byte limit", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"deviceId\":\"pi-1\",\"version\":0}", "not positive")]
    [InlineData("{\"deviceId\":\"pi-9\",\"version\":1}", "does not match")]
    [InlineData("{\"schema\":2,\"deviceId\":\"pi-1\",\"version\":1}", "schema 2")]
    [InlineData("{\"deviceId\":\"pi-1\",\"version\":1,\"workloads\":[{\"id\":\"a/b/c\",\"image\":\"x\"},{\"id\":\"a/b/c\",\"image\":\"y\"}]}", "more than once")]
    public void TryDecodeDesired_BadDocuments_AreRefused(string json, string expected)
    {
        Assert.False(EnvelopeCodec.TryDecodeDesired(Encoding.UTF8.GetBytes(json), Desired, 65536, out _, out var reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecodeDesired_SparseDocument_GetsTheDocumentedDefaults()
    {
        var json = "{\"deviceId\":\"pi-1\",\"version\":4,\"workloads\":[{\"id\":\"a/b/c\",\"image\":\"x\",\"volumes\":[{\"name\":\"v\",\"guestPath\":\"/v\",\"kind\":\"EmptyDir\"}]}]}";

        Assert.True(EnvelopeCodec.TryDecodeDesired(Encoding.UTF8.GetBytes(json), Desired, 65536, out var desired, out var reason), reason);

        Assert.Equal(DesiredState.CurrentSchema, desired.Schema);
        var workload = Assert.Single(desired.Workloads);
        Assert.Empty(workload.Args);
        Assert.Empty(workload.Env);
        Assert.Empty(workload.PullCredentials);
        Assert.NotNull(workload.Limits);
        Assert.Empty(workload.Volumes[0].Files);
    }

    [Fact]
    public void TryDecode_RandomAndMutatedBytes_NeverThrow()
    {
        var random = new Random(1234);
        var valid = EnvelopeCodec.Encode(Change, TopicJsonContext.Default.ReportedChange, TopicKind.Reported, 65536, "c");
        for (var i = 0; i < 5000; i++)
        {
            byte[] payload;
            if (i % 2 == 0)
            {
                payload = new byte[random.Next(0, 200)];
                random.NextBytes(payload);
            }
            else
            {
                payload = (byte[])valid.Clone();
                for (var m = random.Next(1, 4); m > 0; m--) payload[random.Next(payload.Length)] = (byte)random.Next(256);
            }

            EnvelopeCodec.TryDecode(payload, TopicJsonContext.Default.ReportedChange, Reported, 65536, out _, out _);
            EnvelopeCodec.TryDecodeDesired(payload, Desired, 65536, out _, out _);
            EnvelopeCodec.TryDecode(payload, TopicJsonContext.Default.LogsRequest, Reported, 65536, out _, out _);
        }
    }
}
