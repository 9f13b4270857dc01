namespace EdgeWasm.CloudBridge.Reconcile;

/// <summary>How a device loop paces itself.</summary>
internal sealed record ReconcileOptions
{
    /// <summary>Devices reconciled at once by one loop (passes for one device never overlap).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>Every device is reconciled at least this often, whatever the events said (they may be dropped).</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often devices are checked for a heartbeat that went stale (no event says so).</summary>
    public TimeSpan LivenessInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>First retry delay after a failed pass; doubles per failure in a row.</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on the retry delay.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value that cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1, nameof(Workers));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResyncInterval, TimeSpan.Zero, nameof(ResyncInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LivenessInterval, TimeSpan.Zero, nameof(LivenessInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryInitial, TimeSpan.Zero, nameof(RetryInitial));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMax, RetryInitial, nameof(RetryMax));
    }
}
