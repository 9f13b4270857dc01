using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.EdgeAgent.Sync.IotHub;

/// <summary>How the agent syncs with the cloud through Azure IoT Hub.</summary>
internal sealed record IotHubSyncOptions
{
    /// <summary>The hub connection (device id, key or certificate, CA).</summary>
    public required IotHubDeviceOptions Device { get; init; }

    /// <summary>The agent's version, in the twin and in answers to <c>ping</c>.</summary>
    public string AgentVersion { get; init; } = "0.1.0";

    /// <summary>
    /// How often the twin's heartbeat is written. Twin writes are throttled per hub, so this is minutes, not seconds;
    /// the bridge's first liveness signal is the twin's connection state.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The largest report, by the twin size rule. IoT Hub allows 32 KB of reported properties; the margin leaves room
    /// for properties other software on the device may report.
    /// </summary>
    public int ReportedBudget { get; init; } = 30 * 1024;

    /// <summary>Outbox entries folded into one reported patch, at most.</summary>
    public int MaxFold { get; init; } = 500;

    /// <summary>Whether the changes of a trimmed report also go out as telemetry, whole.</summary>
    public bool TelemetryWhenTrimmed { get; init; } = true;

    /// <summary>First wait after a throttled (429) or failed request; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Payload limits: the desired document's size (before compression) and the logs answers'.</summary>
    public PayloadLimits Limits { get; init; } = PayloadLimits.Default;

    /// <summary>This device's id.</summary>
    public string DeviceId => Device.DeviceId;

    /// <summary>The wait after <paramref name="failures"/> failures in a row: <see cref="RetryDelay"/> doubling up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan Backoff(int failures) => TimeSpan.FromTicks(Math.Min(RetryDelay.Ticks << Math.Clamp(failures, 0, 16), MaxRetryDelay.Ticks));

    /// <summary>Throws on a value that cannot work.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Device);
        Device.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(HeartbeatInterval, TimeSpan.FromSeconds(1), nameof(HeartbeatInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReportedBudget, 4096, nameof(ReportedBudget));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReportedBudget, TwinSize.ReportedLimit, nameof(ReportedBudget));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFold, 1, nameof(MaxFold));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryDelay, nameof(MaxRetryDelay));
        Limits.Validate();
    }
}
