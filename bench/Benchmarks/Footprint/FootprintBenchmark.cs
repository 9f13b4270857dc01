using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Benchmarks.Footprint;

/// <summary>
/// The agent's footprint on this machine, measured from outside the agent process:
/// <list type="number">
/// <item>resident memory (VmRSS) idle, with 10 and with 100 sleeping sensor workloads (the sensor C fixture: one
/// reading per second, printed);</item>
/// <item>the latency from a new desired document (written to the desired file) to the new workload's status Running
/// in the store, for a module already in the cache;</item>
/// <item>a restart with 100 workloads: the time from starting the process to all of them Running again from the store
/// (no registry, no broker), and how long SIGTERM took.</item>
/// </list>
/// The module is put in the agent's cache beforehand, so no registry is involved. Run:
/// <c>dotnet run -c Release --project bench/Benchmarks -- footprint [--latency-runs 10]</c>.
/// </summary>
internal static class FootprintBenchmark
{
    private const string Device = "bench-1";
    private const string Profile = "x86-64-gateway";
    private const string Image = "registry.invalid/edge/sensor:v1";

    public static async Task<int> RunAsync(string[] args)
    {
        var latencyRuns = args is ["--latency-runs", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 10;
        using var folder = new TempDirectory("edgewasm-footprint");
        var data = folder.Combine("data");
        var desiredFile = folder.Combine("desired.json");
        await SeedCacheAsync(Path.Combine(data, "agent.db"));
        Console.WriteLine($"footprint benchmark: agent process, profile {Profile}, {Environment.ProcessorCount} cores, sensor workloads (1 reading/s)");

        var version = 0L;
        using (var agent = AgentUnderBenchmark.Start(Device, Profile, data, desiredFile))
        {
            await agent.WaitStartedAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var idle = await agent.ResidentMedianAsync(5, TimeSpan.FromMilliseconds(400));
            Console.WriteLine($"RSS idle: {Mib(idle)}");

            var latencies = new List<double>();
            for (var i = 0; i < latencyRuns; i++)
            {
                var id = new WorkloadId("default", $"latency{i}", "main");
                var clock = Stopwatch.StartNew();
                await WriteDesiredAsync(desiredFile, ++version, Sensors(0).Append(Sensor(id)));
                var elapsed = await agent.WaitRunningAsync([id], clock, TimeSpan.FromMilliseconds(1));
                latencies.Add(elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"desired file written -> Running in the store, cached module: median {Median(latencies):F1} ms, min {latencies.Min():F1} ms, max {latencies.Max():F1} ms ({latencyRuns} runs, 1 ms polling)");

            foreach (var count in new[] { 10, 100 })
            {
                var sensors = Sensors(count).ToList();
                var clock = Stopwatch.StartNew();
                await WriteDesiredAsync(desiredFile, ++version, sensors);
                var allRunning = await agent.WaitRunningAsync([.. sensors.Select(s => s.Id)], clock, TimeSpan.FromMilliseconds(5));
                await Task.Delay(TimeSpan.FromSeconds(5));
                var rss = await agent.ResidentMedianAsync(5, TimeSpan.FromMilliseconds(400));
                Console.WriteLine($"RSS with {count} sensors: {Mib(rss)} ({Mib((rss - idle) / count)} per workload over idle); all {count} Running {allRunning.TotalMilliseconds:F0} ms after the document");
            }

            Console.WriteLine($"SIGTERM with 100 workloads: stopped in {(await agent.StopAsync()).TotalMilliseconds:F0} ms");
        }

        // Offline restart: the store holds the desired state and the module; nothing else is there.
        var restart = Stopwatch.StartNew();
        using (var again = AgentUnderBenchmark.Start(Device, Profile, data, folder.Combine("absent.json")))
        {
            var resumed = await again.WaitRunningAsync([.. Sensors(100).Select(s => s.Id)], restart, TimeSpan.FromMilliseconds(5));
            Console.WriteLine($"restart with 100 workloads in the store: process start -> all Running in {resumed.TotalMilliseconds:F0} ms");
            await again.StopAsync();
        }

        return 0;
    }

    // The sensor module and what its image reference resolved to, as a pull would have left them.
    private static async Task SeedCacheAsync(string storePath)
    {
        await using var store = await AgentStore.OpenAsync(new StoreOptions { Path = storePath }, TimeProvider.System, null, CancellationToken.None);
        var module = await File.ReadAllBytesAsync(Fixtures.Wasm("sensor"));
        var put = await store.Blobs.PutAsync(module, null, CancellationToken.None);
        var manifest = ContentDigest.Compute("footprint benchmark manifest"u8);
        await store.Images.RecordAsync([Image, $"registry.invalid/edge/sensor@{manifest}"], manifest, put.Digest, CancellationToken.None);
    }

    private static IEnumerable<WorkloadSpec> Sensors(int count) =>
        Enumerable.Range(0, count).Select(i => Sensor(new WorkloadId("default", $"sensor{i}", "main")));

    private static WorkloadSpec Sensor(WorkloadId id) => new()
    {
        Id = id,
        PodUid = id.Pod + "-uid",
        Image = Image,
        Args = ["1000"],
        Env = [new EnvVar("SENSOR_NAME", id.Pod)],
        // Small requests, so a hundred fit the profile's allocatable memory and CPU.
        Limits = new WorkloadLimits { MemoryBytes = 16 << 20, FuelPerSecond = 100_000_000 },
    };

    private static async Task WriteDesiredAsync(string path, long version, IEnumerable<WorkloadSpec> workloads)
    {
        var json = JsonSerializer.Serialize(new DesiredState { DeviceId = Device, Version = version, Workloads = [.. workloads] }, ProtocolJsonContext.Default.DesiredState);
        await File.WriteAllTextAsync(path + ".tmp", json);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
