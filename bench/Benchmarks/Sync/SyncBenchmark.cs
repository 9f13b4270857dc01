using System.Diagnostics;
using System.Globalization;
using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Sync;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.Benchmarks.Sync;

/// <summary>
/// Status changes through the whole path — agent store outbox → MQTT link → mosquitto → bridge device link →
/// registry journal — on this machine, with a real broker on loopback:
/// <list type="number">
/// <item>sustained: changes recorded one by one (each a store commit with fsync) while the link runs; changes per
/// second from the first commit until the bridge applied the last;</item>
/// <item>backlog: changes recorded while the broker is down, then the broker starts; the time from the agent's
/// reconnect until the bridge applied them all, and the resulting rate.</item>
/// </list>
/// Each measurement runs several times; the median is what to quote.
/// </summary>
internal static class SyncBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var changes = Option(args, "--changes", 10_000);
        var runs = Option(args, "--runs", 3);
        Console.WriteLine($"sync benchmark: {changes} changes, {runs} runs, {Environment.ProcessorCount} cores, mosquitto on loopback");

        var sustained = new List<double>();
        var backlog = new List<(double Seconds, double Rate)>();
        for (var run = 1; run <= runs; run++)
        {
            var rate = await SustainedAsync(changes);
            sustained.Add(rate);
            Console.WriteLine($"  run {run}: sustained {rate:F0} changes/s");
            var drain = await BacklogAsync(changes);
            backlog.Add(drain);
            Console.WriteLine($"  run {run}: backlog of {changes} drained in {drain.Seconds:F2} s after the reconnect ({drain.Rate:F0} changes/s)");
        }

        Console.WriteLine($"median sustained: {Median(sustained):F0} changes/s");
        Console.WriteLine($"median backlog drain: {Median(backlog.Select(b => b.Seconds)):F2} s for {changes} changes ({Median(backlog.Select(b => b.Rate)):F0} changes/s)");
        return 0;
    }

    private static async Task<double> SustainedAsync(int changes)
    {
        await using var rig = await Rig.StartAsync();
        await rig.StartAgentAsync();
        await rig.WaitAsync(() => rig.Agent!.IsConnected);
        var clock = Stopwatch.StartNew();
        await rig.RecordAsync(changes);
        await rig.WaitAsync(() => rig.Registry.Get(Rig.Device)?.LastSequence == changes);
        return changes / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Seconds, double Rate)> BacklogAsync(int changes)
    {
        await using var rig = await Rig.StartAsync();
        await rig.Broker.StopAsync();
        await rig.StartAgentAsync();
        await rig.RecordAsync(changes);
        await rig.Broker.StartAgainAsync();
        await rig.WaitAsync(() => rig.Agent!.IsConnected);
        var clock = Stopwatch.StartNew();
        await rig.WaitAsync(() => rig.Registry.Get(Rig.Device)?.LastSequence == changes);
        var seconds = clock.Elapsed.TotalSeconds;
        return (seconds, changes / seconds);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>A broker, a bridge and one agent in temp directories.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        public const string Device = "bench-1";
        private static readonly WorkloadId Workload = new("bench", "sensor", "main");
        private readonly TempDirectory _dir;
        private readonly CancellationTokenSource _stop = new();
        private AgentStore? _store;
        private Task _agentRun = Task.CompletedTask;

        private Rig(TempDirectory dir, MosquittoFixture broker, DeviceRegistry registry, DeviceLink bridge)
        {
            _dir = dir;
            Broker = broker;
            Registry = registry;
            Bridge = bridge;
        }

        public MosquittoFixture Broker { get; }

        public DeviceRegistry Registry { get; }

        public DeviceLink Bridge { get; }

        public MqttCloudLink? Agent { get; private set; }

        public static async Task<Rig> StartAsync()
        {
            var broker = await MosquittoFixture.StartAsync();
            var dir = new TempDirectory("sync-bench");
            var registry = DeviceRegistry.Open(new DeviceRegistryOptions { StateDirectory = dir.Combine("bridge") }, TimeProvider.System, NullLogger.Instance);
            var bridge = new DeviceLink(new DeviceLinkOptions { Mqtt = broker.ClientOptions("edgewasm-bridge", cleanSession: false) }, registry, NullLogger.Instance, TimeProvider.System);
            bridge.Start();
            await bridge.WaitUntilSubscribedAsync(CancellationToken.None);
            return new Rig(dir, broker, registry, bridge);
        }

        public async Task StartAgentAsync()
        {
            _store = await AgentStore.OpenAsync(new StoreOptions { Path = Path.Combine(_dir.Path, "agent.db") }, TimeProvider.System, null, CancellationToken.None);
            var options = new MqttSyncOptions { DeviceId = Device, Mqtt = Broker.ClientOptions(Device) };
            Agent = new MqttCloudLink(options, _store, TimeProvider.System, NullLogger.Instance);
            _agentRun = Agent.RunAsync(_stop.Token);
        }

        public async Task RecordAsync(int changes)
        {
            for (var i = 1; i <= changes; i++)
            {
                var status = new WorkloadStatus { Id = Workload, State = WorkloadState.Running, RestartCount = i };
                await _store!.Workloads.SetAsync(status, CancellationToken.None);
            }
        }

        public async Task WaitAsync(Func<bool> condition)
        {
            var deadline = Stopwatch.StartNew();
            while (!condition())
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("the benchmark stalled");
                await Task.Delay(2);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _agentRun;
            }
            catch (OperationCanceledException)
            {
            }

            if (_store is not null) await _store.DisposeAsync();
            await Bridge.DisposeAsync();
            Registry.Dispose();
            await Broker.DisposeAsync();
            _dir.Dispose();
            _stop.Dispose();
        }
    }
}
