using System.Collections.Immutable;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.CloudBridge.Pods.Status;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Tests.Pods;

public sealed class PodStatusPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly WorkloadId Main = new("edge", "sensor", "main");
    private static readonly ContentDigest Digest = ContentDigest.Compute([7]);

    [Fact]
    public void NewRun_RecordsPulledCreatedStarted_AndWritesTheStatus()
    {
        var plan = Plan(TestPods.Pod(), [Running()]);

        Assert.Equal(["RecordEvent:Pulled", "RecordEvent:Created", "RecordEvent:Started", "WriteStatus:"], Describe(plan));
        Assert.Equal("Running", plan.Commands[^1].Status!.Phase);
    }

    [Fact]
    public void SecondPass_WithNothingNew_PlansNothing_EvenLater()
    {
        var pod = TestPods.Pod();
        var first = Plan(pod, [Running()]);
        var written = pod with { Status = first.Commands[^1].Status };

        var second = Plan(written, [Running()], memory: first.Memory, now: Now.AddMinutes(5));

        Assert.Empty(second.Commands);
    }

    [Fact]
    public void FirstSightAfterARestart_DoesNotRepeatWhatTheStatusAlreadyShows()
    {
        var pod = TestPods.Pod();
        var written = pod with { Status = Plan(pod, [Running()]).Commands[^1].Status };

        Assert.Empty(Plan(written, [Running()]).Commands);
    }

    [Fact]
    public void Rejection_FailsThePod_AndRecordsTheEventOnce()
    {
        var rejected = new PodTranslation { Rejection = new PodRejection(PodRejection.UnsupportedReason, "hostNetwork is not supported") };
        var pod = TestPods.Pod();
        var first = Plan(pod, [], translation: rejected);
        Assert.Equal(["RecordEvent:UnsupportedPodSpec", "WriteStatus:"], Describe(first));
        Assert.Equal(("Failed", PodRejection.UnsupportedReason), (first.Commands[1].Status!.Phase, first.Commands[1].Status!.Reason));

        var again = Plan(pod with { Status = first.Commands[1].Status }, [], translation: rejected, memory: first.Memory);
        Assert.Empty(again.Commands);
    }

    [Fact]
    public void TranslationWarnings_AreRecordedOnce()
    {
        var warned = new PodTranslation { Warnings = [new PodEventRecord(PodEventRecord.Warning, "DigestNotPinned", "could not pin")] };
        var first = Plan(TestPods.Pod(), [], translation: warned);
        Assert.Contains("RecordEvent:DigestNotPinned", Describe(first));

        Assert.DoesNotContain("RecordEvent:DigestNotPinned", Describe(Plan(TestPods.Pod(), [], translation: warned, memory: first.Memory)));
    }

    [Theory]
    // running workload: never deleted
    [InlineData(true, true, 5, 5, false, "")]
    // stopped, device caught up with a document without the pod: deleted
    [InlineData(false, true, 5, 5, false, "Delete")]
    // stopped, but the device has not stored the newest document yet
    [InlineData(false, true, 4, 5, false, "")]
    // stopped, but the newest document still holds the pod
    [InlineData(false, true, 5, 5, true, "")]
    // offline: wait for the device
    [InlineData(false, false, 5, 5, false, "")]
    public void Deletion_WaitsForTheDeviceToConfirm(bool running, bool online, long applied, long desired, bool inDocument, string expected)
    {
        var pod = TestPods.Pod() with { Metadata = TestPods.Pod().Metadata with { DeletionTimestamp = Now.AddSeconds(-10) } };
        var workloads = running ? new[] { Running() } : [];

        var plan = Plan(pod, workloads, online: online, applied: applied, desired: desired, inDocument: inDocument);

        Assert.Equal(expected, string.Join(",", plan.Commands.Where(c => c.Kind is PodStatusCommandKind.Delete or PodStatusCommandKind.ForceDelete).Select(c => c.Kind)));
    }

    [Fact]
    public void Deletion_OfflinePastTheTimeout_ForceDeletes_AndKillingIsRecordedOnce()
    {
        var pod = TestPods.Pod() with { Metadata = TestPods.Pod().Metadata with { DeletionTimestamp = Now.AddMinutes(-10) } };
        var running = Plan(TestPods.Pod(), [Running()]);

        var plan = Plan(pod, [Running()], online: false, memory: running.Memory, timeout: TimeSpan.FromMinutes(5));

        Assert.Contains("RecordEvent:Killing", Describe(plan));
        Assert.Contains("ForceDelete:", Describe(plan));
        Assert.DoesNotContain("RecordEvent:Killing", Describe(Plan(pod, [Running()], online: false, memory: plan.Memory, timeout: TimeSpan.FromMinutes(5))));
    }

    [Fact]
    public void DeviceOffline_OnlyTheReachableConditionChanges()
    {
        var pod = TestPods.Pod();
        var online = pod with { Status = Plan(pod, [Running()]).Commands[^1].Status };

        var plan = Plan(online, [Running()], online: false);

        var write = Assert.Single(plan.Commands);
        Assert.Equal(PodStatusCommandKind.WriteStatus, write.Kind);
        var before = online.Status!.Conditions!.Where(c => c.Type != PodConditions.DeviceReachable);
        var after = write.Status!.Conditions!.Where(c => c.Type != PodConditions.DeviceReachable);
        Assert.Equal(before, after);
        Assert.Equal(online.Status.ContainerStatuses, write.Status.ContainerStatuses);
        Assert.Equal("False", write.Status.Conditions!.Single(c => c.Type == PodConditions.DeviceReachable).Status);
    }

    private static WorkloadStatus Running() => new()
    {
        Id = Main, PodUid = "uid-1", State = WorkloadState.Running, StartedAt = Now.AddSeconds(-3), ImageDigest = Digest,
    };

    private static PodStatusPlan Plan(Pod pod, IReadOnlyList<WorkloadStatus> workloads, PodTranslation? translation = null, IReadOnlyDictionary<string, PodMemory>? memory = null,
        bool online = true, long applied = 1, long desired = 1, bool inDocument = false, TimeSpan? timeout = null, DateTimeOffset? now = null) =>
        PodStatusPlanner.Plan(new PodStatusPlanInputs
        {
            NodeName = "pi-1",
            Liveness = new DeviceLiveness("pi-1", online, Now.AddSeconds(-1)),
            Workloads = workloads,
            AppliedVersion = applied,
            DesiredVersion = desired,
            DesiredPodUids = inDocument ? ImmutableHashSet.Create("uid-1") : ImmutableHashSet<string>.Empty,
            Pods = [pod],
            Translation = _ => translation ?? new PodTranslation(),
            Memory = memory ?? new Dictionary<string, PodMemory>(),
            OfflineDeletionTimeout = timeout,
            Now = now ?? Now,
        });

    private static List<string> Describe(PodStatusPlan plan) => [.. plan.Commands.Select(c => $"{c.Kind}:{c.Event?.Reason}")];
}
