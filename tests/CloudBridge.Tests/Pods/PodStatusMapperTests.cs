using System.Text.Json;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.Protocol.Documents;
using static EdgeWasm.CloudBridge.Tests.Pods.TestPods;

namespace EdgeWasm.CloudBridge.Tests.Pods;

public sealed class PodStatusMapperTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ContentDigest AppDigest = ContentDigest.Parse("sha256:" + new string('b', 64));
    private static readonly DeviceLiveness Online = new("pi-1", true, T0);

    private const string ThreeContainers = """
        {"spec":{"initContainers":[{"name":"init","image":"r/i:1"}],
                 "containers":[{"name":"log","image":"r/l:1"},{"name":"app","image":"r/a:1"}]}}
        """;

    private static WorkloadStatus Status(string container, WorkloadState state, string? reason = null, int? exit = null, string uid = "uid-1") => new()
    {
        Id = new WorkloadId("edge", "sensor", container),
        PodUid = uid,
        State = state,
        Reason = reason,
        ExitCode = exit,
        StartedAt = state == WorkloadState.Waiting ? null : T0.AddSeconds(-30),
        FinishedAt = state == WorkloadState.Terminated ? T0.AddSeconds(-1) : null,
    };

    private static PodStatus Map(Pod pod, PodStatusInputs? inputs = null, IReadOnlyList<WorkloadStatus>? workloads = null) =>
        PodStatusMapper.Map(pod, (inputs ?? new PodStatusInputs { Device = Online, Now = T0, HostIP = "192.168.1.20" }) with { Workloads = workloads ?? inputs?.Workloads ?? [] });

    private static string Conditions(PodStatus s) =>
        string.Join(" ", s.Conditions!.Select(c => $"{c.Type}={c.Status}{(c.Reason is null ? "" : "/" + c.Reason)}"));

    // R running, W waiting, W! waiting after a failed run, T0/T1 terminated with that exit code, - not reported.
    [Theory]
    [InlineData("Always", "", "R", false, "Running")]
    [InlineData("Always", "", "-", false, "Pending")]
    [InlineData("Always", "", "W", false, "Pending")]
    [InlineData("Always", "", "R W", false, "Pending")]
    [InlineData("Always", "", "R -", false, "Pending")]
    [InlineData("Always", "", "T0", false, "Running")]
    [InlineData("Always", "", "W!", false, "Running")]
    [InlineData("OnFailure", "", "T0", false, "Succeeded")]
    [InlineData("OnFailure", "", "T1", false, "Running")]
    [InlineData("OnFailure", "", "T0 R", false, "Running")]
    [InlineData("Never", "", "T1", false, "Failed")]
    [InlineData("Never", "", "T0 T1", false, "Failed")]
    [InlineData("Never", "", "T0 T0", false, "Succeeded")]
    [InlineData("Never", "T1", "-", false, "Failed")]
    [InlineData("Always", "T1", "-", false, "Pending")]
    [InlineData("Always", "W!", "-", false, "Pending")]
    [InlineData("Always", "R", "-", false, "Pending")]
    [InlineData("Always", "T0", "R", false, "Running")]
    [InlineData("Always", "", "T0", true, "Succeeded")]
    [InlineData("Always", "", "T0 T1", true, "Failed")]
    public void ThePhase_IsComputedAsTheKubeletDoes(string restartPolicy, string init, string containers, bool terminal, string expected)
    {
        static ContainerStatus S(string code, int i) => new()
        {
            Name = $"c{i}",
            State = code switch
            {
                "R" => new ContainerState { Running = new ContainerStateRunning() },
                "T0" => new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 0 } },
                "T1" => new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 1 } },
                _ => new ContainerState { Waiting = new ContainerStateWaiting() },
            },
            LastState = code == "W!" ? new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 1 } } : new ContainerState(),
        };
        static List<ContainerStatus> Reported(string codes) =>
            [.. codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(S).Where((_, i) => codes.Split(' ')[i] != "-")];
        var spec = new PodSpec { RestartPolicy = restartPolicy, Containers = [.. containers.Split(' ').Select((_, i) => new Container { Name = $"c{i}" })] };
        var reported = Reported(containers);
        var initReported = Reported(init);

        Assert.Equal(expected, PodStatusMapper.Phase(spec, initReported, reported, terminal));
    }

    [Fact]
    public void ReportedWorkloads_BecomeContainerStatusesAndConditions()
    {
        var pod = Pod(ThreeContainers);
        var crashing = Status("log", WorkloadState.Waiting, "CrashLoopBackOff") with
        {
            RestartCount = 3,
            Message = "back-off 40s restarting failed container=log pod=sensor_edge(uid-1)",
            LastTermination = new TerminationInfo { ExitCode = 1, Reason = "Error", Message = "boom", StartedAt = T0.AddSeconds(-20), FinishedAt = T0.AddSeconds(-19) },
        };

        var status = Map(pod, workloads:
        [
            Status("init", WorkloadState.Terminated, "Completed", 0),
            Status("app", WorkloadState.Running) with { ImageDigest = AppDigest, RestartCount = 1 },
            crashing,
            Status("other", WorkloadState.Running) with { Id = new WorkloadId("edge", "another-pod", "app") },
        ]);

        Assert.Equal("Running", status.Phase);
        Assert.Equal("Initialized=True Ready=False/ContainersNotReady ContainersReady=False/ContainersNotReady PodScheduled=True edgewasm.io/DeviceReachable=True/DeviceOnline",
            Conditions(status));
        Assert.Equal("containers with unready status: [log]", status.Conditions!.Single(c => c.Type == "Ready").Message);
        Assert.Equal(["app", "log"], status.ContainerStatuses!.Select(c => c.Name));
        var app = status.ContainerStatuses![0];
        Assert.True(app.Ready);
        Assert.True(app.Started);
        Assert.Equal(1, app.RestartCount);
        Assert.Equal(AppDigest.Value, app.ImageId);
        Assert.Equal("r/a:1", app.Image);
        Assert.StartsWith("edgewasm://", app.ContainerId, StringComparison.Ordinal);
        Assert.Equal(T0.AddSeconds(-30), app.State.Running!.StartedAt);
        var log = status.ContainerStatuses[1];
        Assert.Equal("CrashLoopBackOff", log.State.Waiting!.Reason);
        Assert.Equal(3, log.RestartCount);
        Assert.Equal(1, log.LastState.Terminated!.ExitCode);
        Assert.Equal("Error", log.LastState.Terminated.Reason);
        Assert.False(log.Ready);
        var init = Assert.Single(status.InitContainerStatuses!);
        Assert.True(init.Ready);
        Assert.Equal("Completed", init.State.Terminated!.Reason);
        Assert.Equal("192.168.1.20", status.HostIP);
        Assert.Equal("192.168.1.20", status.PodIP);
        Assert.Equal(T0, status.StartTime);
    }

    [Fact]
    public void UnreportedContainers_Wait_WithTheTranslationsReasonOrTheKubeletsDefault()
    {
        var translation = new PodTranslation { Waiting = new Dictionary<string, ContainerWait> { ["app"] = new("CreateContainerConfigError", "configmap \"x\" not found") } };

        var status = Map(Pod(ThreeContainers), new PodStatusInputs { Device = Online, Now = T0, Translation = translation });

        Assert.Equal("Pending", status.Phase);
        Assert.Equal("CreateContainerConfigError", status.ContainerStatuses!.Single(c => c.Name == "app").State.Waiting!.Reason);
        Assert.Equal("PodInitializing", status.ContainerStatuses!.Single(c => c.Name == "log").State.Waiting!.Reason);
        Assert.Equal("PodInitializing", status.InitContainerStatuses![0].State.Waiting!.Reason);
        Assert.Equal("ContainerCreating", Map(Pod()).ContainerStatuses![0].State.Waiting!.Reason);
        Assert.Equal("containers with incomplete status: [init]", status.Conditions!.Single(c => c.Type == "Initialized").Message);
    }

    [Fact]
    public void ARejectedPod_Fails_WithTheReasonShownOnThePod()
    {
        var translation = new PodTranslation { Rejection = new PodRejection("UnsupportedPodSpec", "hostNetwork is not supported") };

        var status = Map(Pod(), new PodStatusInputs { Device = Online, Now = T0, Translation = translation });

        Assert.Equal("Failed", status.Phase);
        Assert.Equal("UnsupportedPodSpec", status.Reason);
        Assert.Equal("Pod was rejected: hostNetwork is not supported", status.Message);
        Assert.Equal("PodFailed", status.Conditions!.Single(c => c.Type == "Ready").Reason);
    }

    [Fact]
    public void APassedActiveDeadline_FailsThePod_AsTheKubeletDoes()
    {
        var status = Map(Pod(), workloads: [Status("main", WorkloadState.Terminated, "DeadlineExceeded", 137)]);

        Assert.Equal("Failed", status.Phase);
        Assert.Equal("DeadlineExceeded", status.Reason);
        Assert.Equal("Pod was active on the node longer than the specified deadline", status.Message);
    }

    [Fact]
    public void ATerminatingPod_WhoseWorkloadsStopped_ReachesATerminalPhase()
    {
        var pod = Pod() with { Metadata = Pod().Metadata with { DeletionTimestamp = T0 } };

        var status = Map(pod, workloads: [Status("main", WorkloadState.Terminated, "Completed", 0)]);

        Assert.Equal("Succeeded", status.Phase);
        Assert.Equal("PodCompleted", status.Conditions!.Single(c => c.Type == "ContainersReady").Reason);
    }

    [Fact]
    public void WhileTheDeviceIsOffline_TheLastStatusIsKept_AndTheDeviceConditionSaysWhenItWasLastSeen()
    {
        var running = Map(Pod(), workloads: [Status("main", WorkloadState.Running)]);
        var pod = Pod() with { Status = running };
        var later = T0.AddMinutes(5);

        var offline = Map(pod, new PodStatusInputs { Device = new DeviceLiveness("pi-1", false, T0.AddMinutes(1)), Now = later });

        Assert.Equal("Running", offline.Phase);
        Assert.Equal(running.ContainerStatuses, offline.ContainerStatuses);
        var device = offline.Conditions!.Single(c => c.Type == PodConditions.DeviceReachable);
        Assert.Equal("False", device.Status);
        Assert.Equal("DeviceOffline", device.Reason);
        Assert.Equal("device pi-1 last seen 2026-01-01T12:01:00Z; the status shown is the last it reported", device.Message);
        Assert.Equal(later, device.LastTransitionTime);
        Assert.Equal(running.Conditions!.Single(c => c.Type == "Ready"), offline.Conditions!.Single(c => c.Type == "Ready"));
    }

    [Fact]
    public void TransitionTimes_MoveOnlyWhenAConditionChanges()
    {
        var first = Map(Pod(), workloads: [Status("main", WorkloadState.Running)]);
        var pod = Pod() with { Status = first };

        var same = Map(pod, new PodStatusInputs { Device = Online, Now = T0.AddMinutes(1) }, [Status("main", WorkloadState.Running)]);
        var changed = Map(pod, new PodStatusInputs { Device = Online, Now = T0.AddMinutes(2) }, [Status("main", WorkloadState.Waiting, "CrashLoopBackOff")]);

        Assert.Equal(T0, same.Conditions!.Single(c => c.Type == "Ready").LastTransitionTime);
        Assert.Equal(T0.AddMinutes(2), changed.Conditions!.Single(c => c.Type == "Ready").LastTransitionTime);
        Assert.Equal(T0, changed.Conditions!.Single(c => c.Type == "PodScheduled").LastTransitionTime);
        Assert.Equal(T0, changed.StartTime);
    }

    [Theory]
    [InlineData(null, "False", "ReadinessGatesNotReady", "corresponding condition of pod readiness gate \"example.com/lb\" does not exist.")]
    [InlineData("False", "False", "ReadinessGatesNotReady", "the status of pod readiness gate \"example.com/lb\" is not \"True\", but False")]
    [InlineData("True", "True", null, null)]
    public void ReadinessGates_AreHonoured_AndOthersConditionsKept(string? gate, string ready, string? reason, string? message)
    {
        var pod = Pod("""{"spec":{"readinessGates":[{"conditionType":"example.com/lb"}]}}""");
        var others = new List<PodCondition> { new() { Type = "DisruptionTarget", Status = "False" } };
        if (gate is not null) others.Add(new PodCondition { Type = "example.com/lb", Status = gate });
        pod = pod with { Status = new PodStatus { Phase = "Pending", Conditions = others } };

        var status = Map(pod, workloads: [Status("main", WorkloadState.Running)]);

        var readyCondition = status.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal((ready, reason, message), (readyCondition.Status, readyCondition.Reason, readyCondition.Message));
        Assert.Contains(status.Conditions!, c => c.Type == "DisruptionTarget");
    }

    [Fact]
    public void StatusesOfAnEarlierPodWithTheSameName_AreIgnored()
    {
        var status = Map(Pod(), workloads: [Status("main", WorkloadState.Running, uid: "old-uid")]);

        Assert.Equal("ContainerCreating", status.ContainerStatuses![0].State.Waiting!.Reason);
    }

    [Fact]
    public void ATerminalPhase_IsNeverLeft()
    {
        var pod = Pod() with { Status = new PodStatus { Phase = "Succeeded", Conditions = [] } };

        var status = Map(pod, workloads: [Status("main", WorkloadState.Running)]);

        Assert.Equal("Succeeded", status.Phase);
    }

    [Fact]
    public void ContainerStatuses_SerializeWithTheFieldsKubectlExpects()
    {
        var status = Map(Pod(), workloads: [Status("main", WorkloadState.Running) with { ImageDigest = AppDigest }]);

        var json = JsonSerializer.Serialize(status, KubeJsonContext.Default.PodStatus);

        Assert.Contains("\"lastState\":{}", json, StringComparison.Ordinal);
        Assert.Contains("\"ready\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"restartCount\":0", json, StringComparison.Ordinal);
        Assert.Contains($"\"imageID\":\"{AppDigest.Value}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"startedAt\":\"2026-01-01T11:59:30Z\"", json, StringComparison.Ordinal);
    }
}
