using System.Diagnostics;
using System.Text.Json;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.EdgeAgent.Tests.Hosting;

/// <summary>The agent executable under systemd's rules: SIGTERM stops the workloads, records their end, and exits 0.</summary>
[Collection(RegistryCollection.Name)]
public sealed class GracefulStopTests(ModuleRegistry registry, ITestOutputHelper output)
{
    [Fact]
    public async Task Sigterm_InterruptsEvenABusyWorkload_RecordsTerminated_AndExitsCleanly()
    {
        using var folder = new TempDirectory("edgewasm-agent");
        var sensor = Workload("sensor", "sensor", "100");
        // Nearly the whole device (12 of 13 billion fuel/s): fuel will not stop this loop within the test, only the interrupt can.
        var spinner = Workload("spinner", "wasi_spin") with { Limits = new WorkloadLimits { FuelPerSecond = 12_000_000_000 } };
        var desired = folder.Combine("desired.json");
        await File.WriteAllTextAsync(desired, JsonSerializer.Serialize(new DesiredState { DeviceId = "pi-1", Version = 1, Workloads = [sensor, spinner] }, ProtocolJsonContext.Default.DesiredState));
        var store = folder.Combine("data", "agent.db");

        var clock = Stopwatch.StartNew();
        using var agent = ChildProcess.StartDotNet(Path.Combine(AppContext.BaseDirectory, "EdgeWasm.EdgeAgent.dll"), ["--device", "pi-1", "--profile", "raspberry-pi-4-4gb", "--data", folder.Combine("data"), "--desired", desired]);
        await StoreProbe.WaitForAsync(store, sensor.Id, s => s.State == WorkloadState.Running, "running", () => agent.Output);
        output.WriteLine($"agent process start to Running (module pulled from the registry first): {clock.ElapsedMilliseconds} ms");
        await StoreProbe.WaitForAsync(store, spinner.Id, s => s.State == WorkloadState.Running, "running", () => agent.Output);
        // Its first line is out: from here on it spins.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!StoreProbe.Logged(store, spinner.Id, "spinning"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the spinner never printed: " + agent.Output);
            await Task.Delay(50);
        }

        var exitCode = await agent.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, $"exit code {exitCode}: {agent.Output}");
        Assert.Contains("Agent stopped", agent.Output, StringComparison.Ordinal);
        await using var stopped = await AgentStore.OpenAsync(new StoreOptions { Path = store }, TimeProvider.System, null, CancellationToken.None);
        foreach (var id in new[] { sensor.Id, spinner.Id })
        {
            var status = await stopped.Workloads.GetAsync(id, CancellationToken.None);
            Assert.Equal((WorkloadState.Terminated, WorkloadReasons.Stopped, 143), (status!.State, status.Reason, status.ExitCode));
        }

        var pending = await stopped.Outbox.PeekAsync(1000, CancellationToken.None);
        Assert.Contains(pending, e => e.Kind == OutboxKind.WorkloadStatus && e.Subject == spinner.Id.ToString() && e.Payload.Contains("\"Stopped\"", StringComparison.Ordinal));
        Assert.Contains("spinning", (await stopped.Logs.ReadAsync(spinner.Id, LogQuery.All, CancellationToken.None)).Select(l => l.Text));
    }

    private WorkloadSpec Workload(string pod, string fixture, params string[] args) => new()
    {
        Id = new WorkloadId("default", pod, "main"),
        PodUid = pod + "-uid",
        Image = registry.Image(fixture),
        Args = args,
    };
}
