using System.Net.Sockets;
using System.Text;
using EdgeWasm.EdgeAgent.Supervision;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Tests.Supervision.Running;

/// <summary>Real modules compiled from C, run the way the supervisor runs them: each limit ends a run with its reason.</summary>
public sealed class WorkloadRunTests
{
    [Fact]
    public async Task AJob_Completes_AndItsOutputIsInTheLogRingBeforeTheRunEnds()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var spec = RunnerHarness.Spec("job", "1000");

        var outcome = await harness.RunAsync("job", spec);

        Assert.Equal((TerminationReason.Completed, 0), (outcome.Reason, outcome.ExitCode));
        Assert.Equal(["Stdout: job: 168 primes below 1000"], await harness.LogAsync(spec.Id));
    }

    [Theory]
    [InlineData("7", "Error", 7, "exited with code 7")]
    [InlineData("trap", "Error", 134, "trapped: Unreachable")]
    public async Task ACrasher_EndsInError_WithItsExitCodeOrTheTrap(string mode, string reason, int exitCode, string message)
    {
        await using var harness = await RunnerHarness.StartAsync();
        var spec = RunnerHarness.Spec("crasher", mode);

        var outcome = await harness.RunAsync("crasher", spec);

        Assert.Equal((reason, exitCode), (outcome.Reason.ToString(), outcome.ExitCode));
        Assert.StartsWith(message, outcome.Message, StringComparison.Ordinal);
        var log = await harness.LogAsync(spec.Id);
        Assert.Contains("Stdout: crasher starting", log);
        Assert.Contains(log, l => l.StartsWith("Stderr: crasher:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMemoryHog_IsOomKilled_AtItsLimit()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var spec = RunnerHarness.Spec("memhog") with { Limits = new WorkloadLimits { MemoryBytes = 8 << 20, FuelPerSecond = 10_000_000_000 } };

        var outcome = await harness.RunAsync("memhog", spec);

        Assert.Equal((TerminationReason.OomKilled, 137), (outcome.Reason, outcome.ExitCode));
        Assert.Contains("memory limit of 8388608 bytes", outcome.Message, StringComparison.Ordinal);
        Assert.Contains(await harness.LogAsync(spec.Id), l => l.StartsWith("Stderr: memhog: malloc failed after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMemoryHogWithinItsLimit_Completes()
    {
        await using var harness = await RunnerHarness.StartAsync();

        var outcome = await harness.RunAsync("memhog", RunnerHarness.Spec("memhog", "4") with { Limits = new WorkloadLimits { MemoryBytes = 16 << 20, FuelPerSecond = 10_000_000_000 } });

        Assert.Equal(TerminationReason.Completed, outcome.Reason);
    }

    [Fact]
    public async Task ASpinner_OverItsCpuShare_IsStoppedWithFuelExhausted()
    {
        await using var harness = await RunnerHarness.StartAsync(new SupervisorOptions { FuelBurst = TimeSpan.FromMilliseconds(200) });
        // 10^6 fuel/s is a few thousandths of a core here; the spinner wants all of one.
        var spec = RunnerHarness.Spec("spinner") with { Limits = new WorkloadLimits { FuelPerSecond = 1_000_000 } };

        var outcome = await harness.RunAsync("wasi_spin", spec);

        Assert.Equal((TerminationReason.FuelExhausted, 152), (outcome.Reason, outcome.ExitCode));
        Assert.Equal(["Stdout: spinning"], await harness.LogAsync(spec.Id));
    }

    [Fact]
    public async Task ASleepingSensor_NeverRunsOutOfFuel_OnTheSameShare_AndStopsWhenAsked()
    {
        await using var harness = await RunnerHarness.StartAsync(new SupervisorOptions { FuelBurst = TimeSpan.FromMilliseconds(200) });
        var spec = RunnerHarness.Spec("sensor", "20") with { Limits = new WorkloadLimits { FuelPerSecond = 1_000_000 }, Env = [new EnvVar("SENSOR_NAME", "t1")] };
        var run = await harness.StartAsync("sensor", spec);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(run.Completion.IsCompleted, "the sensor sleeps most of the time and keeps within its share");
        run.RequestStop();
        var outcome = await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((TerminationReason.Stopped, 143), (outcome.Reason, outcome.ExitCode));
        var log = await harness.LogAsync(spec.Id);
        Assert.True(log.Length >= 20, $"about 75 readings expected, got {log.Length}");
        Assert.All(log, l => Assert.StartsWith("Stdout: t1 reading=", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARunLongerThanItsDeadline_IsDeadlineExceeded()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var spec = RunnerHarness.Spec("sensor", "50") with { Limits = new WorkloadLimits { DeadlineMs = 300 } };

        var outcome = await harness.RunAsync("sensor", spec);

        Assert.Equal((TerminationReason.DeadlineExceeded, 124), (outcome.Reason, outcome.ExitCode));
        Assert.Equal("ran longer than its deadline of 300 ms", outcome.Message);
        Assert.InRange(outcome.Duration, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData("garbage", "magic")]
    [InlineData("compute", "no _start")]
    public async Task AModuleThatCannotRun_IsAnInvalidModule(string what, string message)
    {
        await using var harness = await RunnerHarness.StartAsync();
        var module = what == "garbage"
            ? await harness.CacheAsync("not a wasm module at all"u8.ToArray())
            : await harness.CacheFixtureAsync(what);
        var run = harness.Start(module, RunnerHarness.Spec("broken"));

        var outcome = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((TerminationReason.InvalidModule, 126), (outcome.Reason, outcome.ExitCode));
        Assert.Contains(message, outcome.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Volumes_FilesAreReadOnly_AndAnEmptyDirSurvivesRestartsButNotRemoval()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var spec = RunnerHarness.Spec("volumes") with
        {
            Volumes =
            [
                new VolumeSpec { Name = "config", GuestPath = "/config", Kind = VolumeKind.Files, Files = [new VolumeFile("greeting", Convert.ToBase64String("hello from a ConfigMap"u8))] },
                new VolumeSpec { Name = "data", GuestPath = "/data", Kind = VolumeKind.EmptyDir },
            ],
        };
        var module = await harness.CacheFixtureAsync("volumes");

        for (var run = 1; run <= 3; run++)
        {
            Assert.Equal(TerminationReason.Completed, (await harness.Start(module, spec, run).Completion.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
        }

        Assert.Equal(
            ["Stdout: greeting: hello from a ConfigMap", "Stdout: config writable: no", "Stdout: run 3"],
            (await harness.LogAsync(spec.Id)).TakeLast(3));
        harness.Runtime.Volumes.Remove(spec, lastOfPod: true);
        Assert.False(Directory.Exists(harness.Runtime.Volumes.PodDirectory(spec)));
        await harness.Start(module, spec, 4).Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Stdout: run 1", (await harness.LogAsync(spec.Id))[^1]);
    }

    [Fact]
    public async Task AListenPort_IsHandedToTheGuestAsAListeningSocket()
    {
        await using var harness = await RunnerHarness.StartAsync(new SupervisorOptions { ListenAddress = "127.0.0.1" });
        var port = TestSupport.FreePort.Next();
        // No preopens, so the listener is fd 3; serve one connection.
        var spec = RunnerHarness.Spec("echo", "3", "1") with { ListenPort = port };
        var run = await harness.StartAsync("wasi_echo_server", spec);

        // The run binds the port on its own thread, after loading the module: try until it listens.
        using var client = await ConnectAsync(port);
        var stream = client.GetStream();
        await stream.WriteAsync("hello edge\n"u8.ToArray());
        client.Client.Shutdown(SocketShutdown.Send);
        var answer = new MemoryStream();
        await stream.CopyToAsync(answer);

        Assert.Equal("HELLO EDGE\n", Encoding.UTF8.GetString(answer.ToArray()));
        Assert.Equal(TerminationReason.Completed, (await run.Completion.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
        Assert.Contains("Stdout: connection 1 closed after 11 bytes", await harness.LogAsync(spec.Id));
    }

    private static async Task<TcpClient> ConnectAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
                return client;
            }
            catch (SocketException) when (attempt < 200)
            {
                client.Dispose();
                await Task.Delay(50);
            }
        }
    }

    [Fact]
    public async Task Runs_ShareOneCompiledModulePerDigest()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var module = await harness.CacheFixtureAsync("job");

        var runs = Enumerable.Range(0, 4).Select(i => harness.Start(module, RunnerHarness.Spec("job" + i, "100"))).ToList();
        await Task.WhenAll(runs.Select(r => r.Completion));

        Assert.All(runs, r => Assert.Equal(TerminationReason.Completed, r.Completion.Result.Reason));
        Assert.Equal(1, harness.Runtime.Modules.Count);
        harness.Runtime.Modules.Retain(new HashSet<ContentDigest>());
        Assert.Equal(0, harness.Runtime.Modules.Count);
    }
}
