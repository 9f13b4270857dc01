namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>How the supervisor restarts, retries, meters and stops workloads. Bound from the "Supervisor" section and
/// validated when the agent starts.</summary>
internal sealed class SupervisorOptions
{
    /// <summary>The first restart's cool-off; each further restart doubles it (10 s × 2^n).</summary>
    public TimeSpan RestartBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest cool-off between restarts.</summary>
    public TimeSpan MaxRestartBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A run that lasted this long resets the cool-off to <see cref="RestartBackoff"/>.</summary>
    public TimeSpan BackoffResetAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait after the first failed module fetch; it doubles with each further failure.</summary>
    public TimeSpan PullBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between module fetches.</summary>
    public TimeSpan MaxPullBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many seconds of its CPU share a workload may use in one go (the token bucket's depth).</summary>
    public TimeSpan FuelBurst { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A full reconcile pass runs at least this often, whatever events said.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stopping workload may take to end before the agent gives up waiting for it.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Module fetches that may run at once.</summary>
    public int MaxConcurrentPulls { get; set; } = 2;

    /// <summary>Bytes of a workload's stdout (and as many of its stderr) held in memory until they reach the log store.</summary>
    public int LogBufferBytes { get; set; } = 64 * 1024;

    /// <summary>The address a workload's listening port binds to.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the bad value.</summary>
    public void Validate()
    {
        Positive(RestartBackoff, nameof(RestartBackoff));
        Positive(PullBackoff, nameof(PullBackoff));
        Positive(BackoffResetAfter, nameof(BackoffResetAfter));
        Positive(ResyncInterval, nameof(ResyncInterval));
        Positive(StopTimeout, nameof(StopTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRestartBackoff, RestartBackoff, nameof(MaxRestartBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPullBackoff, PullBackoff, nameof(MaxPullBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(FuelBurst, TimeSpan.FromMilliseconds(100), nameof(FuelBurst));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FuelBurst, TimeSpan.FromMinutes(10), nameof(FuelBurst));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentPulls, 1, nameof(MaxConcurrentPulls));
        ArgumentOutOfRangeException.ThrowIfLessThan(LogBufferBytes, 1024, nameof(LogBufferBytes));
        if (!System.Net.IPAddress.TryParse(ListenAddress, out _))
        {
            throw new ArgumentException($"Supervisor:ListenAddress '{ListenAddress}' is not an IP address", nameof(ListenAddress));
        }
    }

    private static void Positive(TimeSpan value, string name) => ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
}
