using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.Protocol.Documents;
using static EdgeWasm.CloudBridge.Tests.Pods.TestPods;

namespace EdgeWasm.CloudBridge.Tests.Pods;

public sealed class PodEventPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ContentDigest Digest = ContentDigest.Parse("sha256:" + new string('c', 64));

    private static WorkloadStatus S(WorkloadState state, string? reason = null, int restarts = 0, int startedSecond = 0, bool digest = true, string? message = null) => new()
    {
        Id = new WorkloadId("edge", "sensor", "main"),
        PodUid = "uid-1",
        State = state,
        Reason = reason,
        Message = message,
        RestartCount = restarts,
        StartedAt = state == WorkloadState.Waiting ? null : T0.AddSeconds(startedSecond),
        ImageDigest = digest ? Digest : null,
    };

    public static TheoryData<WorkloadStatus?, WorkloadStatus, string> Transitions => new()
    {
        { null, S(WorkloadState.Running), "Normal Pulled: Successfully pulled image \"reg.local:5000/sensors/avg:1.0\" | Normal Created: Created container main | Normal Started: Started container main" },
        { S(WorkloadState.Running), S(WorkloadState.Running, restarts: 1, startedSecond: 30), "Normal Created: Created container main | Normal Started: Started container main" },
        { S(WorkloadState.Running), S(WorkloadState.Running), "" },
        { null, S(WorkloadState.Terminated, "Completed"), "Normal Pulled: Successfully pulled image \"reg.local:5000/sensors/avg:1.0\" | Normal Created: Created container main | Normal Started: Started container main" },
        { S(WorkloadState.Running), S(WorkloadState.Waiting, "CrashLoopBackOff", 1), "Warning BackOff: Back-off restarting failed container main in pod sensor_edge(uid-1)" },
        { S(WorkloadState.Waiting, "CrashLoopBackOff", 1), S(WorkloadState.Waiting, "CrashLoopBackOff", 1), "" },
        { S(WorkloadState.Waiting, "CrashLoopBackOff", 1), S(WorkloadState.Waiting, "CrashLoopBackOff", 2), "Warning BackOff: Back-off restarting failed container main in pod sensor_edge(uid-1)" },
        { S(WorkloadState.Waiting, "ContainerCreating", digest: false), S(WorkloadState.Waiting, "ErrImagePull", digest: false, message: "manifest unknown"), "Warning Failed: Failed to pull image \"reg.local:5000/sensors/avg:1.0\": manifest unknown" },
        { S(WorkloadState.Waiting, "ErrImagePull", digest: false), S(WorkloadState.Waiting, "ImagePullBackOff", digest: false), "Normal BackOff: Back-off pulling image \"reg.local:5000/sensors/avg:1.0\"" },
        { null, S(WorkloadState.Waiting, "InvalidModule", message: "not a wasm module"), "Normal Pulled: Successfully pulled image \"reg.local:5000/sensors/avg:1.0\" | Warning Failed: Error: not a wasm module" },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Events_FollowFromTheDifferenceBetweenTwoReports(WorkloadStatus? before, WorkloadStatus after, string expected)
    {
        var events = PodEventPlanner.Diff(Pod(), before is null ? [] : [before], [after]);

        Assert.Equal(expected, string.Join(" | ", events.Select(e => $"{e.Type} {e.Reason}: {e.Message}")));
        Assert.All(events, e => Assert.Equal("spec.containers{main}", e.FieldPath));
    }

    [Fact]
    public void Deletion_KillsTheRunningContainers_AndInitContainersHaveTheirFieldPath()
    {
        var pod = Pod("""{"spec":{"initContainers":[{"name":"init","image":"r/i:1"}],"containers":[{"name":"main","image":"r/x:1"},{"name":"idle","image":"r/y:1"}]}}""");
        WorkloadStatus[] current = [S(WorkloadState.Running), S(WorkloadState.Terminated) with { Id = new WorkloadId("edge", "sensor", "idle") }];

        var events = PodEventPlanner.Deletion(pod, current);
        var initEvents = PodEventPlanner.Diff(pod, [], [S(WorkloadState.Running) with { Id = new WorkloadId("edge", "sensor", "init") }]);

        var killing = Assert.Single(events);
        Assert.Equal(("Normal", "Killing", "Stopping container main", "spec.containers{main}"), (killing.Type, killing.Reason, killing.Message, killing.FieldPath));
        Assert.All(initEvents, e => Assert.Equal("spec.initContainers{init}", e.FieldPath));
    }

    [Fact]
    public void AnEvent_IsBuiltAsTheKubeletsRecorderBuildsIt()
    {
        var pod = Pod() with { Metadata = Pod().Metadata with { ResourceVersion = "42" } };
        var record = PodEventPlanner.Rejection(new PodRejection("UnsupportedPodSpec", "hostNetwork is not supported"));

        var e = PodEventFactory.Create(pod, record, "pi-1", T0, sequence: 3);

        Assert.Equal($"sensor.{((T0 - DateTimeOffset.UnixEpoch).Ticks * 100 + 3):x}", e.Metadata.Name);
        Assert.Equal("edge", e.Metadata.Namespace);
        Assert.Equal(("Pod", "v1", "edge", "sensor", "uid-1", "42"),
            (e.InvolvedObject.Kind, e.InvolvedObject.ApiVersion, e.InvolvedObject.Namespace, e.InvolvedObject.Name, e.InvolvedObject.Uid, e.InvolvedObject.ResourceVersion));
        Assert.Equal(("Warning", "UnsupportedPodSpec", "Pod was rejected: hostNetwork is not supported"), (e.Type, e.Reason, e.Message));
        Assert.Equal(("kubelet", "pi-1"), (e.Source!.Component, e.Source.Host));
        Assert.Equal((T0, T0, 1), (e.FirstTimestamp!.Value, e.LastTimestamp!.Value, e.Count!.Value));
    }
}
