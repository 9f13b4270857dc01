using EdgeWasm.EdgeAgent.Tests.Hosting;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;

namespace EdgeWasm.EdgeAgent.Tests.Supervision.Loops;

/// <summary>
/// The supervisor's loops through the whole agent: desired state from a file, modules from a real registry, C
/// fixtures in the engine, statuses in the store. Each test asserts what Kubernetes users would see.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class SupervisorTests(ModuleRegistry registry)
{
    [Fact]
    public async Task AJob_RunsToCompletion_AndItsOutputIsInTheLog()
    {
        await using var agent = await AgentHarness.StartAsync();
        var job = Workload("report", "main", "job", "2000") with { RestartPolicy = RestartPolicy.Never };

        await agent.ApplyAsync(Desired(1, job));
        var status = await agent.WaitForAsync(job.Id, s => s.State == WorkloadState.Terminated, "terminated");

        Assert.Equal((WorkloadReasons.Completed, 0, 0), (status.Reason, status.ExitCode, status.RestartCount));
        Assert.NotNull(status.ImageDigest);
        Assert.True(status.StartedAt <= status.FinishedAt);
        Assert.Equal(["job: 303 primes below 2000"], await agent.LogAsync(job.Id));
        Assert.Equal(1, await agent.Store.Desired.GetVersionAsync(CancellationToken.None));
        await agent.StopAsync();
    }

    [Fact]
    public async Task ACrashingWorkload_ShowsCrashLoopBackOff_WithAGrowingRestartCount()
    {
        await using var agent = await AgentHarness.StartAsync();
        var crasher = Workload("flaky", "main", "crasher", "5");

        await agent.ApplyAsync(Desired(1, crasher));
        var looping = await agent.WaitForAsync(crasher.Id, s => s.Reason == WorkloadReasons.CrashLoopBackOff && s.RestartCount >= 2, "in a crash loop");

        Assert.Equal(WorkloadState.Waiting, looping.State);
        Assert.Equal((5, WorkloadReasons.Error, "exited with code 5"), (looping.LastTermination!.ExitCode, looping.LastTermination.Reason, looping.LastTermination.Message));
        Assert.StartsWith("back-off ", looping.Message, StringComparison.Ordinal);
        var later = await agent.WaitForAsync(crasher.Id, s => s.RestartCount > looping.RestartCount, "restarted again");
        Assert.True(later.RestartCount > looping.RestartCount);
        Assert.Contains("crasher starting", await agent.LogAsync(crasher.Id));
        await agent.StopAsync();
    }

    [Fact]
    public async Task Limits_ShowAsOomKilledFuelExhaustedAndDeadlineExceeded()
    {
        await using var agent = await AgentHarness.StartAsync();
        var hog = Workload("hog", "main", "memhog") with { RestartPolicy = RestartPolicy.Never, Limits = new WorkloadLimits { MemoryBytes = 8 << 20, FuelPerSecond = 1_000_000_000 } };
        var spinner = Workload("spin", "main", "wasi_spin") with { RestartPolicy = RestartPolicy.Never, Limits = new WorkloadLimits { FuelPerSecond = 1_000_000 } };
        var slow = Workload("slow", "main", "sensor", "100") with { RestartPolicy = RestartPolicy.Never, Limits = new WorkloadLimits { DeadlineMs = 500 } };

        await agent.ApplyAsync(Desired(1, hog, spinner, slow));

        var oom = await agent.WaitForAsync(hog.Id, s => s.State == WorkloadState.Terminated, "terminated");
        var fuel = await agent.WaitForAsync(spinner.Id, s => s.State == WorkloadState.Terminated, "terminated");
        var deadline = await agent.WaitForAsync(slow.Id, s => s.State == WorkloadState.Terminated, "terminated");
        Assert.Equal((WorkloadReasons.OomKilled, 137), (oom.Reason, oom.ExitCode));
        Assert.Equal((WorkloadReasons.FuelExhausted, 152), (fuel.Reason, fuel.ExitCode));
        Assert.Equal((WorkloadReasons.DeadlineExceeded, 124), (deadline.Reason, deadline.ExitCode));
        Assert.Contains("memory limit of 8388608 bytes", oom.Message, StringComparison.Ordinal);
        await agent.StopAsync();
    }

    [Fact]
    public async Task APodThatDoesNotFit_IsReportedNotAdmitted_AndTheOthersRun()
    {
        // The Zero 2 W has 320 MiB allocatable: one 200 MiB pod fits, the second does not.
        await using var agent = await AgentHarness.StartAsync("raspberry-pi-zero-2w");
        var first = Workload("big1", "main", "sensor", "200") with { Limits = new WorkloadLimits { MemoryBytes = 200 << 20 } };
        var second = Workload("big2", "main", "sensor", "200") with { Limits = new WorkloadLimits { MemoryBytes = 200 << 20 } };

        await agent.ApplyAsync(Desired(1, first, second));

        await agent.WaitForAsync(first.Id, s => s.State == WorkloadState.Running, "running");
        var refused = await agent.WaitForAsync(second.Id, s => s.Reason == WorkloadReasons.NotAdmitted, "not admitted");
        Assert.Equal(WorkloadState.Waiting, refused.State);
        Assert.Equal("memory: pod default/big2 needs 209715200 bytes, 125829120 of the 335544320 allocatable bytes are free", refused.Message);

        // Once the first pod leaves, the second fits.
        await agent.ApplyAsync(Desired(2, second));
        await agent.WaitForAsync(second.Id, s => s.State == WorkloadState.Running, "running");
        await agent.WaitForRemovalAsync(first.Id);
        await agent.StopAsync(2226);
    }

    [Fact]
    public async Task InitWorkloads_CompleteInOrder_BeforeThePodsOtherWorkloadsStart()
    {
        await using var agent = await AgentHarness.StartAsync();
        var init1 = Workload("app", "setup1", "job", "30000") with { Init = true, Order = 1 };
        var init2 = Workload("app", "setup2", "job", "20000") with { Init = true, Order = 2 };
        var main = Workload("app", "main", "sensor", "100");

        await agent.ApplyAsync(Desired(1, main, init2, init1));

        var waiting = await agent.WaitForAsync(main.Id, s => s.Reason == WorkloadReasons.PodInitializing, "waiting for init");
        Assert.StartsWith("waiting for init workload setup", waiting.Message, StringComparison.Ordinal);
        var running = await agent.WaitForAsync(main.Id, s => s.State == WorkloadState.Running, "running");
        var first = await agent.Store.Workloads.GetAsync(init1.Id, CancellationToken.None);
        var second = await agent.Store.Workloads.GetAsync(init2.Id, CancellationToken.None);
        Assert.Equal((WorkloadState.Terminated, WorkloadReasons.Completed), (first!.State, first.Reason));
        Assert.Equal((WorkloadState.Terminated, WorkloadReasons.Completed), (second!.State, second.Reason));
        Assert.True(first.FinishedAt <= second.StartedAt, "setup2 starts after setup1 completed");
        Assert.True(second.FinishedAt <= running.StartedAt, "main starts after setup2 completed");
        await agent.StopAsync();
    }

    [Fact]
    public async Task ARemovedWorkload_IsStopped_ItsStatusRemoved_AndItsPinAndVolumesReleased()
    {
        await using var agent = await AgentHarness.StartAsync();
        var sensor = Workload("sensor", "main", "sensor", "50") with { Volumes = [new VolumeSpec { Name = "scratch", GuestPath = "/scratch", Kind = VolumeKind.EmptyDir }] };
        await agent.ApplyAsync(Desired(1, sensor));
        await agent.WaitForAsync(sensor.Id, s => s.State == WorkloadState.Running, "running");
        await WaitForLogAsync(agent, sensor.Id, "sensor reading=");
        var podDirectory = Path.Combine(agent.DataDirectory, "pods", "default", "sensor_sensor-uid");
        Assert.True(Directory.Exists(podDirectory));
        Assert.Contains(await agent.Store.Blobs.ListPinsAsync(CancellationToken.None), p => p.Holder == sensor.Id.ToString());

        await agent.ApplyAsync(Desired(2));

        await agent.WaitForRemovalAsync(sensor.Id);
        Assert.DoesNotContain(await agent.Store.Blobs.ListPinsAsync(CancellationToken.None), p => p.Holder == sensor.Id.ToString());
        Assert.False(Directory.Exists(podDirectory));
        var removals = (await agent.Store.Outbox.PeekAsync(1000, CancellationToken.None)).Where(e => e.Kind == EdgeAgent.Store.OutboxKind.WorkloadRemoved);
        Assert.Equal(sensor.Id.ToString(), Assert.Single(removals).Subject);
        await agent.StopAsync();
    }

    [Fact]
    public async Task AChangedSpec_RestartsTheWorkloadWithIt()
    {
        await using var agent = await AgentHarness.StartAsync();
        var sensor = Workload("sensor", "main", "sensor", "50") with { Env = [new EnvVar("SENSOR_NAME", "first")] };
        await agent.ApplyAsync(Desired(1, sensor));
        await agent.WaitForAsync(sensor.Id, s => s.State == WorkloadState.Running, "running");
        await WaitForLogAsync(agent, sensor.Id, "first reading=");

        await agent.ApplyAsync(Desired(2, sensor with { Env = [new EnvVar("SENSOR_NAME", "second")] }));

        var restarted = await agent.WaitForAsync(sensor.Id, s => s.State == WorkloadState.Running && s.RestartCount == 1, "running again");
        Assert.Equal(WorkloadReasons.Stopped, restarted.LastTermination!.Reason);
        await WaitForLogAsync(agent, sensor.Id, "second reading=");
        var log = await agent.LogAsync(sensor.Id);
        Assert.Contains(log, l => l.StartsWith("first reading=", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("second reading=", StringComparison.Ordinal));
        await agent.StopAsync();
    }

    [Fact]
    public async Task AnUnknownImage_IsErrImagePull_ThenImagePullBackOff()
    {
        await using var agent = await AgentHarness.StartAsync();
        var missing = Workload("missing", "main", "job") with { Image = $"{registry.Registry.Host}/edge/nothing-here:v1" };

        await agent.ApplyAsync(Desired(1, missing));

        var first = await agent.WaitForAsync(missing.Id, s => s.Reason is WorkloadReasons.ErrImagePull or WorkloadReasons.ImagePullBackOff, "failing to pull");
        var backOff = await agent.WaitForAsync(missing.Id, s => s.Reason == WorkloadReasons.ImagePullBackOff, "backing off");
        Assert.Contains("nothing-here", first.Message, StringComparison.Ordinal);
        Assert.StartsWith("back-off pulling image", backOff.Message, StringComparison.Ordinal);
        await agent.StopAsync();
    }

    [Fact]
    public async Task AnInvalidDocument_IsRefusedWhole_AndTheLastValidOneKeepsRunning()
    {
        await using var agent = await AgentHarness.StartAsync();
        var sensor = Workload("sensor", "main", "sensor", "50");
        await agent.ApplyAsync(Desired(1, sensor));
        await agent.WaitForAsync(sensor.Id, s => s.State == WorkloadState.Running, "running");

        // Stored as the MQTT link would store it: the supervisor checks it before changing anything.
        var other = Workload("other", "main", "job");
        var broken = Desired(2, other, sensor with { Volumes = [new VolumeSpec { Name = "etc", GuestPath = "etc", Kind = VolumeKind.EmptyDir }] });
        Assert.True(await agent.Store.Desired.SaveAsync(broken, CancellationToken.None));
        agent.Poke();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!agent.Log.Entries.Any(e => e.Event.Id == 2221) && DateTime.UtcNow < deadline) await Task.Delay(25);

        Assert.Contains(agent.Log.Entries, e => e.Event.Id == 2221 && e.Message.Contains("guest path 'etc' must be absolute", StringComparison.Ordinal));
        Assert.Null(await agent.Store.Workloads.GetAsync(other.Id, CancellationToken.None));
        Assert.Equal(WorkloadState.Running, (await agent.Store.Workloads.GetAsync(sensor.Id, CancellationToken.None))!.State);
        await agent.StopAsync(2221);
    }

    [Fact]
    public async Task AfterAnAgentRestart_ACompletedJobStaysCompleted_AndAServiceResumes()
    {
        using var folder = new TempDirectory("edgewasm-agent");
        var job = Workload("job", "main", "job", "100") with { RestartPolicy = RestartPolicy.Never };
        var sensor = Workload("sensor", "main", "sensor", "50");
        await using (var agent = await AgentHarness.StartAsync(folder: folder))
        {
            await agent.ApplyAsync(Desired(1, job, sensor));
            await agent.WaitForAsync(job.Id, s => s.Reason == WorkloadReasons.Completed, "completed");
            await agent.WaitForAsync(sensor.Id, s => s.State == WorkloadState.Running, "running");
            await agent.StopAsync();
        }

        // A graceful stop recorded the running workload's end before the agent went away.
        await using (var store = await EdgeAgent.Store.AgentStore.OpenAsync(new EdgeAgent.Store.StoreOptions { Path = folder.Combine("data", "agent.db") }, TimeProvider.System, null, CancellationToken.None))
        {
            var stopped = await store.Workloads.GetAsync(sensor.Id, CancellationToken.None);
            Assert.Equal((WorkloadState.Terminated, WorkloadReasons.Stopped, 143), (stopped!.State, stopped.Reason, stopped.ExitCode));
        }

        await using var again = await AgentHarness.StartAsync(folder: folder);
        var resumed = await again.WaitForAsync(sensor.Id, s => s.State == WorkloadState.Running, "running again");
        var completed = await again.Store.Workloads.GetAsync(job.Id, CancellationToken.None);

        Assert.Equal(1, resumed.RestartCount);
        Assert.Equal((WorkloadState.Terminated, WorkloadReasons.Completed, 0), (completed!.State, completed.Reason, completed.RestartCount));
        Assert.Single(await again.LogAsync(job.Id));
        await again.StopAsync();
    }

    private static async Task WaitForLogAsync(AgentHarness agent, WorkloadId id, string prefix)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await agent.LogAsync(id)).Any(l => l.StartsWith(prefix, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no log line of {id} starts with '{prefix}'");
            await Task.Delay(25);
        }
    }

    private WorkloadSpec Workload(string pod, string container, string fixture, params string[] args) => new()
    {
        Id = new WorkloadId("default", pod, container),
        PodUid = pod + "-uid",
        Image = registry.Image(fixture),
        Args = args,
    };

    private static DesiredState Desired(long version, params WorkloadSpec[] workloads) => new()
    {
        DeviceId = AgentHarness.DeviceId,
        Version = version,
        Workloads = workloads,
    };
}
