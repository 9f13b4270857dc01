using EdgeWasm.TestSupport;

namespace EdgeWasm.EndToEnd.Tests.Cluster;

/// <summary>
/// A real agent (<c>edgewasm agent</c>) in a child process for one simulated device, its store in a folder that
/// outlives the process, so a restart resumes from it. Heartbeats every 2 s; restart back-off from 1 s, so a crash
/// loop shows within seconds.
/// </summary>
internal sealed class DeviceAgent : IDisposable
{
    private readonly string _mqtt;
    private readonly TempDirectory _data = new("e2e-agent");

    public DeviceAgent(string deviceId, string mqtt)
    {
        DeviceId = deviceId;
        _mqtt = mqtt;
    }

    /// <summary>The device's id, also its node's name.</summary>
    public string DeviceId { get; }

    /// <summary>The running process (null before <see cref="Start"/>).</summary>
    public ChildProcess? Process { get; private set; }

    /// <summary>Starts the agent (again, on the same store).</summary>
    public void Start()
    {
        Process?.Dispose();
        Process = ChildProcess.StartDotNet(
            Path.Combine(AppContext.BaseDirectory, "EdgeWasm.Cli.dll"),
            ["agent", "--device", DeviceId, "--profile", "raspberry-pi-4-4gb", "--data", _data.Path, "--mqtt", _mqtt, "--heartbeat", "2s"],
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["EDGEWASM_Supervisor__RestartBackoff"] = "00:00:01",
                ["EDGEWASM_Supervisor__MaxRestartBackoff"] = "00:00:04",
                ["EDGEWASM_Supervisor__ListenAddress"] = "127.0.0.1",
            });
    }

    /// <summary>Kills the agent at once (SIGKILL), as a power cut would: no goodbye on the broker.</summary>
    public async Task KillAsync()
    {
        Posix.Signal(Process!.Id, Posix.SIGKILL);
        await Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Process?.Dispose();
        _data.Dispose();
    }
}
