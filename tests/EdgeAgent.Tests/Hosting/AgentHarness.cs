using System.Globalization;
using System.Text.Json;
using EdgeWasm.EdgeAgent.Hosting;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Supervision.Loops;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeWasm.EdgeAgent.Tests.Hosting;

/// <summary>
/// The whole agent in this process, built by <see cref="AgentHost"/> as the command line builds it: desired state from a
/// file, data in a temp folder, short back-offs so crash loops show within a test, and every warning and error recorded.
/// </summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    public const string DeviceId = "pi-1";

    private readonly TempDirectory _folder;
    private readonly bool _ownsFolder;
    private bool _stopped;

    private AgentHarness(TempDirectory folder, bool ownsFolder, IHost host, RecordingLogger log)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
        Host = host;
        Log = log;
    }

    public IHost Host { get; }

    public RecordingLogger Log { get; }

    public AgentStore Store => Host.Services.GetRequiredService<AgentStore>();

    public string DataDirectory => _folder.Combine("data");

    public string DesiredFile => _folder.Combine("desired.json");

    /// <summary>Starts an agent. Pass <paramref name="folder"/> to start it again on an earlier agent's data (a restart).</summary>
    public static async Task<AgentHarness> StartAsync(string profile = "raspberry-pi-4-4gb", IDictionary<string, string?>? settings = null, TempDirectory? folder = null)
    {
        var ownsFolder = folder is null;
        folder ??= new TempDirectory("edgewasm-agent");
        var log = new RecordingLogger();
        var all = new Dictionary<string, string?>
        {
            ["Agent:DeviceId"] = DeviceId,
            ["Agent:DataDirectory"] = folder.Combine("data"),
            ["Agent:DesiredFile"] = folder.Combine("desired.json"),
            ["Agent:DesiredFilePoll"] = "00:00:00.200",
            ["Profile:Name"] = profile,
            ["Supervisor:RestartBackoff"] = "00:00:00.300",
            ["Supervisor:MaxRestartBackoff"] = "00:00:02",
            ["Supervisor:PullBackoff"] = "00:00:00.300",
            ["Supervisor:MaxPullBackoff"] = "00:00:01",
            ["Supervisor:StopTimeout"] = "00:00:05",
            ["Supervisor:ListenAddress"] = "127.0.0.1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        if (all["Agent:DesiredFile"] is null) all.Remove("Agent:DesiredFile");

        var host = AgentHost.Build([], all, services => services.AddLogging(logging => logging.ClearProviders().AddProvider(new RecordingLoggerProvider(log))));
        var harness = new AgentHarness(folder, ownsFolder, host, log);
        try
        {
            await host.StartAsync();
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the desired file the way an editor or a deploy tool would: a new file renamed over the old.</summary>
    public async Task ApplyAsync(DesiredState desired)
    {
        var temporary = DesiredFile + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(desired, ProtocolJsonContext.Default.DesiredState));
        File.Move(temporary, DesiredFile, overwrite: true);
    }

    /// <summary>Tells the apply loop to look again (after a test wrote to the store itself).</summary>
    public void Poke() => Host.Services.GetRequiredService<SupervisorSignals>().Apply.Notify();

    /// <summary>Polls the store until <paramref name="id"/>'s status satisfies <paramref name="until"/>.</summary>
    public async Task<WorkloadStatus> WaitForAsync(WorkloadId id, Func<WorkloadStatus, bool> until, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        WorkloadStatus? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await Store.Workloads.GetAsync(id, CancellationToken.None);
            if (last is not null && until(last)) return last;
            await Task.Delay(25);
        }

        throw new TimeoutException($"{id} never became {what}; last status: {Describe(last)}; log: {string.Join(" | ", Log.Entries.Select(e => e.Message))}");
    }

    /// <summary>Waits until <paramref name="id"/> has no status (it was removed).</summary>
    public async Task WaitForRemovalAsync(WorkloadId id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await Store.Workloads.GetAsync(id, CancellationToken.None) is { } status)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{id} was not removed; status: {Describe(status)}");
            await Task.Delay(25);
        }
    }

    public async Task<string[]> LogAsync(WorkloadId id) =>
        [.. (await Store.Logs.ReadAsync(id, LogQuery.All, CancellationToken.None)).Select(l => l.Text)];

    public static string Describe(WorkloadStatus? status) => status is null ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"{status.State} {status.Reason} exit={status.ExitCode} restarts={status.RestartCount}: {status.Message}");

    /// <summary>Stops the agent (as SIGTERM would) and checks that it logged no error the test did not expect.</summary>
    public async Task StopAsync(params int[] expectedErrors)
    {
        if (_stopped) return;
        _stopped = true;
        await Host.StopAsync();
        Host.Dispose();
        Assert.Empty(Log.UnexpectedErrors(expectedErrors));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Host.StopAsync();
            Host.Dispose();
        }

        if (_ownsFolder) _folder.Dispose();
    }
}
