using System.Text.Json;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.Tests.Documents;

public sealed class DocumentJsonTests
{
    [Fact]
    public void DesiredState_RoundTrips_ThroughSourceGeneratedJson()
    {
        var desired = new DesiredState
        {
            DeviceId = "pi-1",
            Version = 7,
            Workloads =
            [
                new WorkloadSpec
                {
                    Id = new WorkloadId("default", "sensor", "avg"),
                    Image = "127.0.0.1:5000/sensor:1",
                    Digest = ContentDigest.Compute("abc"u8),
                    Args = ["--every", "1s"],
                    Env = [new EnvVar("MODE", "fast")],
                    Limits = new WorkloadLimits { MemoryBytes = 1 << 20, FuelPerSecond = 1_000_000 },
                    RestartPolicy = RestartPolicy.OnFailure,
                    Volumes = [new VolumeSpec { Name = "cfg", GuestPath = "/etc/cfg", Kind = VolumeKind.Files, ReadOnly = true, Files = [new VolumeFile("a.txt", "aGk=")] }],
                },
            ],
        };

        var json = JsonSerializer.Serialize(desired, ProtocolJsonContext.Default.DesiredState);
        var back = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.DesiredState)!;

        Assert.Contains("\"id\":\"default/sensor/avg\"", json, StringComparison.Ordinal);
        Assert.Contains("\"restartPolicy\":\"OnFailure\"", json, StringComparison.Ordinal);
        Assert.Equal(desired.Workloads[0].Digest, back.Workloads[0].Digest);
        Assert.Equal(desired.Workloads[0].Args, back.Workloads[0].Args);
        Assert.Equal(desired.Workloads[0].Volumes[0].Files, back.Workloads[0].Volumes[0].Files);
        Assert.Equal(7, back.Version);
    }

    [Theory]
    [InlineData("{\"version\":1}")]
    [InlineData("{\"deviceId\":\"d\",\"version\":1,\"workloads\":[{\"id\":\"no-slashes\",\"image\":\"x\"}]}")]
    [InlineData("{\"deviceId\":\"d\",\"version\":1,\"workloads\":[{\"id\":\"a/b/c\",\"image\":\"x\",\"digest\":\"md5:1\"}]}")]
    public void DesiredState_Malformed_IsRefusedWithJsonException(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.DesiredState));

    [Fact]
    public void DesiredState_MissingOptionalMembers_KeepTheirDefaults()
    {
        var back = JsonSerializer.Deserialize("{\"deviceId\":\"d\",\"version\":3,\"workloads\":[{\"id\":\"a/b/c\",\"image\":\"x\"}]}", ProtocolJsonContext.Default.DesiredState)!;

        Assert.Equal(DesiredState.CurrentSchema, back.Schema);
        var w = Assert.Single(back.Workloads);
        Assert.NotNull(w.Args);
        Assert.NotNull(w.Env);
        Assert.NotNull(w.Limits);
        Assert.NotNull(w.Volumes);
        Assert.NotNull(w.PullCredentials);
        Assert.Equal(RestartPolicy.Always, w.RestartPolicy);
        Assert.Equal(PullPolicy.IfNotPresent, w.PullPolicy);
    }

    [Fact]
    public void ReportedState_MissingWorkloads_IsEmptyNotNull()
    {
        var json = "{\"deviceId\":\"d\",\"observedAt\":\"2026-01-01T00:00:00Z\",\"device\":{\"arch\":\"arm64\",\"profile\":\"p\",\"capacity\":{\"cpuMillis\":1000,\"memoryBytes\":1,\"pods\":1,\"storageBytes\":1},\"agentVersion\":\"0\"}}";
        var back = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.ReportedState)!;

        Assert.NotNull(back.Workloads);
        Assert.Equal(DesiredState.CurrentSchema, back.Schema);
    }

    [Fact]
    public void WorkloadStatus_LastTerminationWithoutMessage_RoundTrips()
    {
        var status = new WorkloadStatus
        {
            Id = new WorkloadId("ns", "pod", "c"),
            State = WorkloadState.Waiting,
            Reason = "CrashLoopBackOff",
            LastTermination = new TerminationInfo { ExitCode = 1, Reason = "Error", FinishedAt = DateTimeOffset.UnixEpoch },
        };

        var json = JsonSerializer.Serialize(status, ProtocolJsonContext.Default.WorkloadStatus);
        var back = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.WorkloadStatus)!;

        Assert.DoesNotContain("message", json, StringComparison.Ordinal);
        Assert.Equal(status.LastTermination, back.LastTermination);
    }
}
