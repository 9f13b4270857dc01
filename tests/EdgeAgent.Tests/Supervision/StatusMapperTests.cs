using EdgeWasm.EdgeAgent.Supervision;
using EdgeWasm.Protocol.Documents;
using static EdgeWasm.EdgeAgent.Tests.Supervision.Specs;

namespace EdgeWasm.EdgeAgent.Tests.Supervision;

public sealed class StatusMapperTests
{
    private static readonly SupervisorOptions Options = new();

    [Theory]
    [InlineData("a=Pending", WorkloadState.Waiting, WorkloadReasons.ContainerCreating)]
    [InlineData("a=Pulling", WorkloadState.Waiting, WorkloadReasons.ContainerCreating)]
    [InlineData("a=Ready", WorkloadState.Waiting, WorkloadReasons.ContainerCreating)]
    [InlineData("a=NotAdmitted", WorkloadState.Waiting, WorkloadReasons.NotAdmitted)]
    [InlineData("a=Running", WorkloadState.Running, null)]
    [InlineData("a=Stopping", WorkloadState.Running, null)]
    public void EachPhaseShowsAsTheKubernetesState(string entry, WorkloadState state, string? reason)
    {
        var status = StatusMapper.ToStatus(Entry(entry));

        Assert.Equal(state, status.State);
        Assert.Equal(reason, status.Reason);
        Assert.Equal(Id("a"), status.Id);
        Assert.Equal("uid-1", status.PodUid);
    }

    [Fact]
    public void AFailedFetch_IsErrImagePull_ThenImagePullBackOff()
    {
        var entry = Lifecycle.PullFailed(Entry("a=Pulling"), "registry.test is unreachable", Now, Options);
        var first = StatusMapper.ToStatus(entry);
        var second = StatusMapper.ToStatus(Lifecycle.PullFailed(Lifecycle.PullStarted(entry), "registry.test is unreachable", Now, Options));

        Assert.Equal((WorkloadReasons.ErrImagePull, "registry.test is unreachable"), (first.Reason, first.Message));
        Assert.Equal(WorkloadReasons.ImagePullBackOff, second.Reason);
        Assert.Equal("back-off pulling image registry.test/a:v1: registry.test is unreachable", second.Message);
    }

    [Fact]
    public void APodWaitingForInit_IsPodInitializing()
    {
        var status = StatusMapper.ToStatus(Lifecycle.Hold(Entry("a=Ready"), "waiting for init workload i1"));

        Assert.Equal((WorkloadState.Waiting, WorkloadReasons.PodInitializing, "waiting for init workload i1"), (status.State, status.Reason, status.Message));
    }

    [Fact]
    public void ARunningWorkload_ShowsItsStartAndThePreviousRunAsLastState()
    {
        var first = Lifecycle.Started(Entry("a=Ready"), Now);
        var crashed = Lifecycle.Exited(first, new RunOutcome(TerminationReason.OomKilled, 137, "reached its memory limit", Now, Now.AddSeconds(2)), Options);
        var waiting = StatusMapper.ToStatus(crashed);
        var again = StatusMapper.ToStatus(Lifecycle.Started(crashed, Now.AddSeconds(12)));

        Assert.Equal((WorkloadState.Waiting, WorkloadReasons.CrashLoopBackOff), (waiting.State, waiting.Reason));
        Assert.Equal("back-off 10s restarting default/p/a after OOMKilled (exit code 137)", waiting.Message);
        Assert.Equal(new TerminationInfo { ExitCode = 137, Reason = "OOMKilled", Message = "reached its memory limit", StartedAt = Now, FinishedAt = Now.AddSeconds(2) }, waiting.LastTermination);
        Assert.Equal((WorkloadState.Running, 1, Now.AddSeconds(12)), (again.State, again.RestartCount, again.StartedAt));
        Assert.Equal(waiting.LastTermination, again.LastTermination);
        Assert.Equal(Module("registry.test/a:v1").ImageDigest, again.ImageDigest);
    }

    [Theory]
    [InlineData("Completed", 0, "Completed")]
    [InlineData("Error", 3, "Error")]
    [InlineData("FuelExhausted", 152, "FuelExhausted")]
    [InlineData("DeadlineExceeded", 124, "DeadlineExceeded")]
    [InlineData("InvalidModule", 126, "InvalidModule")]
    [InlineData("Stopped", 143, "Stopped")]
    public void AnEndedWorkload_IsTerminatedWithReasonExitCodeAndTimes(string reasonName, int exitCode, string text)
    {
        var reason = Enum.Parse<TerminationReason>(reasonName);
        var started = Lifecycle.Started(Entry("a=Ready") with { Spec = Workload("a") with { RestartPolicy = RestartPolicy.Never } }, Now);
        var ended = Lifecycle.Exited(started, new RunOutcome(reason, exitCode, "detail", Now, Now.AddSeconds(4)), Options);

        var status = StatusMapper.ToStatus(ended);

        Assert.Equal(WorkloadState.Terminated, status.State);
        Assert.Equal((text, exitCode, "detail"), (status.Reason, status.ExitCode, status.Message));
        Assert.Equal((Now, Now.AddSeconds(4)), (status.StartedAt!.Value, status.FinishedAt!.Value));
        Assert.Null(status.LastTermination);
    }

    [Fact]
    public void Restore_KeepsACompletedJobCompleted_AndTheRestartCountOfOthers()
    {
        var job = Workload("a") with { RestartPolicy = RestartPolicy.Never };
        var completed = new WorkloadStatus { Id = job.Id, PodUid = job.PodUid, State = WorkloadState.Terminated, Reason = "Completed", ExitCode = 0, RestartCount = 2, StartedAt = Now, FinishedAt = Now.AddSeconds(1) };
        var running = new WorkloadStatus { Id = job.Id, PodUid = job.PodUid, State = WorkloadState.Running, RestartCount = 4, StartedAt = Now };
        var limits = Profile().ResolveLimits(job.Limits);

        var restoredJob = Lifecycle.Restore(job, limits, completed, Options);
        var restoredService = Lifecycle.Restore(job with { RestartPolicy = RestartPolicy.Always }, limits, running, Options);
        var otherPod = Lifecycle.Restore(job with { PodUid = "uid-2" }, limits, running, Options);

        Assert.Equal((WorkloadPhase.Completed, 2), (restoredJob.Phase, restoredJob.Restarts));
        Assert.Equal((WorkloadPhase.Pending, 4, true), (restoredService.Phase, restoredService.Restarts, restoredService.Ran));
        Assert.Equal(5, Lifecycle.Started(restoredService, Now).Restarts);
        Assert.Equal((WorkloadPhase.Pending, 0, false), (otherPod.Phase, otherPod.Restarts, otherPod.Ran));
    }
}
