using System.Diagnostics;
using System.Globalization;
using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.EndToEnd.Tests.Sync;

/// <summary>
/// The agent is a child process (<see cref="SyncCrashChild"/>) that records status changes and drains them to the
/// bridge; it is killed with SIGKILL while changes are published but not yet acknowledged, several times, and
/// restarted on the same store. At the end the bridge must have applied every change exactly once, in order.
/// </summary>
public sealed class SyncCrashTests(ITestOutputHelper output)
{
    private const string Device = "pi-crash";
    private const int Kills = 4;
    private const int ChangesPerRun = 1000;

    [Fact]
    public async Task Agent_KilledWhileDraining_NothingIsLostOrDuplicatedAtTheCloud()
    {
        var seed = Environment.GetEnvironmentVariable("EDGEWASM_CRASH_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (set EDGEWASM_CRASH_SEED to replay)");
        var random = new Random(seed);
        await using var harness = await SyncHarness.StartAsync();
        var storePath = harness.StorePath(Device);
        Directory.CreateDirectory(Path.GetDirectoryName(storePath)!);
        var events = new List<DeviceEvent>();
        var killsWhileDraining = 0;

        for (var run = 1; run <= Kills; run++)
        {
            var before = harness.Registry.Get(Device)?.LastSequence ?? 0;
            await using var child = ChildAgent.Start(storePath, harness.Broker.Port, $"run{run}", ChangesPerRun);
            // Kill while the backlog drains: after the bridge has seen some of this run's changes, at a random moment.
            await SyncHarness.EventuallyAsync(() => harness.Registry.Get(Device)?.LastSequence > before + 20, $"run {run} drains");
            await Task.Delay(random.Next(0, 60));
            var (sequence, delivered) = await child.KillAsync();
            output.WriteLine($"run {run}: killed at seq {sequence}, delivered {delivered}, bridge at {harness.Registry.Get(Device)!.LastSequence}");
            if (harness.Registry.Get(Device)!.LastSequence < sequence) killsWhileDraining++;
            await SyncHarness.EventuallyAsync(() => harness.Registry.Get(Device)?.Online == false, "the broker published the dead agent's will");
        }

        long last;
        await using (var store = await AgentStore.OpenAsync(new StoreOptions { Path = storePath }, TimeProvider.System, null, CancellationToken.None))
        {
            last = (await store.Outbox.GetPositionAsync(CancellationToken.None)).Last;
        }

        await using (var final = ChildAgent.Start(storePath, harness.Broker.Port, "final", 0))
        {
            await SyncHarness.EventuallyAsync(() => harness.Registry.Get(Device)?.LastSequence == last, $"the bridge applied every change up to {last}");
            await final.StopAsync();
        }

        var record = harness.Registry.Get(Device)!;
        var applied = harness.AppliedSequences(Device, events);
        output.WriteLine($"{last} changes; {record.Duplicates} redelivered duplicates dropped by the bridge; {killsWhileDraining} kills with changes in flight");
        Assert.True(killsWhileDraining >= Kills / 2, $"only {killsWhileDraining} kills landed while changes were in flight, so the test proved little");
        Assert.True(last >= Kills * 20, $"only {last} changes were recorded");
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), applied);
        Assert.Equal(0, record.SkippedSequences);
        Assert.Equal(
            events.Count(e => e.DeviceId == Device && e.Kind == DeviceEventKind.Offline),
            events.Count(e => e.DeviceId == Device && e.Kind == DeviceEventKind.Online));
    }

    /// <summary>One run of the child agent, with what it printed so far.</summary>
    private sealed class ChildAgent : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Task _reader;
        private readonly Task<string> _stderr;
        private long _sequence;
        private long _delivered;

        private ChildAgent(Process process)
        {
            _process = process;
            _stderr = process.StandardError.ReadToEndAsync();
            _reader = Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } line)
                {
                    var parts = line.Split(' ');
                    if (parts is ["seq", var s]) Interlocked.Exchange(ref _sequence, long.Parse(s, CultureInfo.InvariantCulture));
                    if (parts is ["delivered", var d]) Interlocked.Exchange(ref _delivered, long.Parse(d, CultureInfo.InvariantCulture));
                }
            });
        }

        public static ChildAgent Start(string storePath, int port, string run, int count)
        {
            var start = new ProcessStartInfo(DotNetHost.Path)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { typeof(SyncCrashChild).Assembly.Location, SyncCrashChild.Verb, storePath, port.ToString(CultureInfo.InvariantCulture), Device, run, count.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }

            return new ChildAgent(Process.Start(start) ?? throw new InvalidOperationException("could not start the sync child"));
        }

        /// <summary>SIGKILL: no finally blocks, no DISCONNECT, no flush in the child.</summary>
        public async Task<(long Sequence, long Delivered)> KillAsync()
        {
            if (_process.HasExited) Assert.Fail($"the child stopped on its own (exit {_process.ExitCode}): {await _stderr}");
            var seen = (Interlocked.Read(ref _sequence), Interlocked.Read(ref _delivered));
            _process.Kill();
            await _process.WaitForExitAsync();
            Assert.Equal(128 + 9, _process.ExitCode);
            return seen;
        }

        /// <summary>Asks for a clean stop by closing the child's standard input.</summary>
        public async Task StopAsync()
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(SyncHarness.Patience);
            Assert.True(_process.ExitCode == 0, $"the child failed (exit {_process.ExitCode}): {await _stderr}");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            await _reader;
            _process.Dispose();
        }
    }
}
