using EdgeWasm.EdgeAgent.Supervision;
using static EdgeWasm.EdgeAgent.Tests.Supervision.Specs;

namespace EdgeWasm.EdgeAgent.Tests.Supervision;

public sealed class PlannerTests
{
    private readonly Planner _planner = new(Profile());

    [Theory]
    // A new workload is admitted and its module fetched in the same pass.
    [InlineData("a", "", "Admit a; Pull a")]
    [InlineData("a", "a=Pending", "Pull a")]
    [InlineData("a", "a=Pulling", "")]
    [InlineData("a", "a=PullBackOff@5", "")]
    [InlineData("a", "a=PullBackOff@-1", "Pull a")]
    [InlineData("a", "a=PullBackOff@0", "Pull a")]
    [InlineData("a", "a=Ready", "Start a")]
    [InlineData("a", "a=Running", "")]
    [InlineData("a", "a=Stopping", "")]
    // Restart after the back-off, not before.
    [InlineData("a", "a=BackOff@5", "")]
    [InlineData("a", "a=BackOff@0", "Restart a")]
    [InlineData("a", "a=Stopped", "Restart a")]
    // Final states stay final.
    [InlineData("a", "a=Completed", "")]
    [InlineData("a", "a=Failed", "")]
    // Removed from the document: stop what runs, then remove; a stopping workload is waited for.
    [InlineData("", "a=Running", "Stop a: removed from the desired state")]
    [InlineData("", "a=Stopping", "")]
    [InlineData("", "a=BackOff@5", "Remove a: removed from the desired state")]
    [InlineData("", "a=Completed,b=Pulling", "Remove a: removed from the desired state; Remove b: removed from the desired state")]
    // A changed spec: stop, then start over from fetching.
    [InlineData("a:v2", "a:v1=Running", "Stop a: its spec changed")]
    [InlineData("a:v2", "a:v1=Stopping", "")]
    [InlineData("a:v2", "a:v1=Stopped", "Replace a; Pull a")]
    [InlineData("a:v2", "a:v1=Failed", "Replace a; Pull a")]
    [InlineData("a:v2", "a:v1=PullBackOff@30", "Replace a; Pull a")]
    // Each workload on its own.
    [InlineData("a,b", "a=Running,b=BackOff@0", "Restart b")]
    [InlineData("a,b,c", "b=Ready", "Admit a; Pull a; Start b; Admit c; Pull c")]
    public void PlansTheCommandsThatMoveEachWorkloadOn(string desired, string current, string expected)
    {
        var plan = _planner.Plan(Desired(desired), Current(current), Now);

        Assert.Equal(expected, Render(plan));
    }

    [Theory]
    // Init workloads run one after another to completion before the pod's other workloads; all fetch at once.
    [InlineData("+i1,+i2,a", "",
        "Admit i1; Pull i1; Admit i2; Pull i2; Hold i2: waiting for init workload i1; Admit a; Pull a; Hold a: waiting for init workload i1")]
    [InlineData("+i1,+i2,a", "+i1=Ready,+i2=Ready,a=Ready", "Start i1; Hold i2: waiting for init workload i1; Hold a: waiting for init workload i1")]
    [InlineData("+i1,+i2,a", "+i1=Running,+i2=Ready,a=Ready", "Hold i2: waiting for init workload i1; Hold a: waiting for init workload i1")]
    [InlineData("+i1,+i2,a", "+i1=Completed,+i2=Ready,a=Ready", "Start i2; Hold a: waiting for init workload i2")]
    [InlineData("+i1,+i2,a", "+i1=Completed,+i2=Completed,a=Ready", "Start a")]
    [InlineData("+i1,+i2,a", "+i1=Completed,+i2=Completed,a=Pulling", "")]
    // A failed init workload holds the rest for good (until the document changes).
    [InlineData("+i1,a", "+i1=Failed,a=Ready", "Hold a: init workload i1 failed")]
    // A failing init workload backs off and restarts; the rest wait.
    [InlineData("+i1,a", "+i1=BackOff@0,a=Ready", "Restart i1; Hold a: waiting for init workload i1")]
    public void InitWorkloadsRunToCompletionInOrderFirst(string desired, string current, string expected)
    {
        var plan = _planner.Plan(Desired(desired), Current(current), Now);

        Assert.Equal(expected, Render(plan));
    }

    [Fact]
    public void AHeldWorkloadIsNotHeldAgain_AndIsReleasedWhenTheInitWorkloadCompletes()
    {
        var held = Entry("a=Pulling") with { WaitingFor = "waiting for init workload i1" };
        var desired = Desired("+i1,a");

        Assert.Equal("", Render(_planner.Plan(desired, CurrentState.Of(Entry("+i1=Running"), held), Now)));
        Assert.Equal("Hold a", Render(_planner.Plan(desired, CurrentState.Of(Entry("+i1=Completed"), held), Now)));
    }

    [Fact]
    public void ARecreatedPod_RemovesTheOldWorkloadFirst_ThenAdmitsTheNewOne()
    {
        var desired = Desired("a") with { Workloads = [Workload("a", uid: "uid-2")] };

        Assert.Equal("Stop a: its pod was re-created", Render(_planner.Plan(desired, Current("a=Running"), Now)));
        Assert.Equal("Remove a: its pod was re-created", Render(_planner.Plan(desired, Current("a=Stopped"), Now)));
        Assert.Equal("Admit a; Pull a", Render(_planner.Plan(desired, CurrentState.Empty, Now)));
    }

    [Fact]
    public void WakeAt_IsTheEarliestBackOffStillToCome()
    {
        var plan = _planner.Plan(Desired("a,b,c"), Current("a=BackOff@30,b=PullBackOff@12,c=BackOff@-3"), Now);

        Assert.Equal("Restart c", Render(plan));
        Assert.Equal(Now.AddSeconds(12), plan.WakeAt);
    }

    [Theory]
    // 1 GiB allocatable: a pod of 600 MiB fits once; the second is refused and the message names memory.
    [InlineData("", "Admit a; Pull a; ReportNotAdmitted b: memory: pod default/b needs 629145600 bytes, 444596224 of the 1073741824 allocatable bytes are free")]
    // Admitted before wins: the running pod keeps its place even though it comes second in the document.
    [InlineData("b=Running", "ReportNotAdmitted a: memory: pod default/a needs 629145600 bytes, 444596224 of the 1073741824 allocatable bytes are free")]
    public void WhatDoesNotFit_IsReportedNotAdmitted_AndTheRestRuns(string current, string expected)
    {
        var desired = new Protocol.Documents.DesiredState
        {
            DeviceId = "pi-1",
            Version = 1,
            Workloads = [Workload("a@600", pod: "a"), Workload("b@600", pod: "b")],
        };
        var entries = current.Length == 0 ? CurrentState.Empty : CurrentState.Of(Entry("b@600=Running") with { Spec = Workload("b@600", pod: "b") });

        var rendered = string.Join("; ", _planner.Plan(desired, entries, Now).Commands).Replace("default/a/", "", StringComparison.Ordinal).Replace("default/b/", "", StringComparison.Ordinal);

        Assert.Equal(expected, rendered);
    }

    [Fact]
    public void AWorkloadNoLongerAdmitted_IsStopped_ThenReported()
    {
        var planner = new Planner(Profile(memoryMiB: 32));
        var desired = Desired("a@64");

        Assert.Equal("Stop a: no longer admitted: memory: pod default/p needs 67108864 bytes, 33554432 of the 33554432 allocatable bytes are free",
            Render(planner.Plan(desired, Current("a=Running"), Now)));
        Assert.StartsWith("ReportNotAdmitted a: memory:", Render(planner.Plan(desired, Current("a=Stopped"), Now)), StringComparison.Ordinal);
    }

    [Fact]
    public void ARefusalAlreadyReported_IsNotReportedAgain()
    {
        var planner = new Planner(Profile(memoryMiB: 32));
        var desired = Desired("a@64");
        var first = planner.Plan(desired, CurrentState.Empty, Now).Commands.Single();
        var refused = Lifecycle.Refuse(first.Spec!, Profile().ResolveLimits(first.Spec!.Limits), first.Message!, null);

        Assert.Empty(planner.Plan(desired, CurrentState.Of(refused), Now).Commands);
    }
}
