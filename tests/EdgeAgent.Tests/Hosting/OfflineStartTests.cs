using System.Diagnostics;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.EdgeAgent.Tests.Hosting;

/// <summary>Issue 4's offline promise, with a real registry that goes away and comes back and a broker that is not there.</summary>
public sealed class OfflineStartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WithNoBrokerAndNoRegistry_TheStoredStateRuns_AndUncachedModulesStartOnceTheRegistryAnswers()
    {
        await using var registry = await OciRegistryFixture.StartAsync();
        await ModuleRegistry.PushAsync(registry, "sensor");
        using var folder = new TempDirectory("edgewasm-agent");
        var cached = Workload("cached", ModuleRegistry.Image(registry, "sensor"), "100");
        // Not in the registry yet: it is pushed only once the registry comes back.
        var late = Workload("late", ModuleRegistry.Image(registry, "job"), "1000") with { RestartPolicy = RestartPolicy.Never };

        await using (var online = await AgentHarness.StartAsync(folder: folder))
        {
            await online.ApplyAsync(new DesiredState { DeviceId = AgentHarness.DeviceId, Version = 1, Workloads = [cached, late] });
            await online.WaitForAsync(cached.Id, s => s.State == WorkloadState.Running, "running");
            await online.WaitForAsync(late.Id, s => s.Reason is WorkloadReasons.ErrImagePull or WorkloadReasons.ImagePullBackOff, "failing to pull");
            await online.StopAsync();
        }

        await registry.StopAsync();
        var noBroker = $"mqtt://127.0.0.1:{FreePort.Next()}";
        var clock = Stopwatch.StartNew();
        await using var offline = await AgentHarness.StartAsync(settings: new Dictionary<string, string?> { ["Agent:DesiredFile"] = null, ["Agent:Mqtt"] = noBroker }, folder: folder);

        var resumed = await offline.WaitForAsync(cached.Id, s => s.State == WorkloadState.Running && s.RestartCount == 1, "running again from the store");
        output.WriteLine($"offline start to Running (cached module, in-process host): {clock.ElapsedMilliseconds} ms");
        var waiting = await offline.WaitForAsync(late.Id, s => s.Reason == WorkloadReasons.ImagePullBackOff, "backing off");
        Assert.Contains("unreachable", waiting.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(resumed.ImageDigest);

        await registry.StartAsync();
        await ModuleRegistry.PushAsync(registry, "job");
        var done = await offline.WaitForAsync(late.Id, s => s.State == WorkloadState.Terminated, "run once the registry answered");
        Assert.Equal((WorkloadReasons.Completed, 0), (done.Reason, done.ExitCode));
        Assert.Equal(["job: 168 primes below 1000"], await offline.LogAsync(late.Id));
        await offline.StopAsync();
    }

    private static WorkloadSpec Workload(string pod, string image, params string[] args) => new()
    {
        Id = new WorkloadId("default", pod, "main"),
        PodUid = pod + "-uid",
        Image = image,
        Args = args,
    };
}
