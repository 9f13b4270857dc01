namespace EdgeWasm.CloudBridge.Devices;

/// <summary>Where the registry keeps its state and how it judges liveness.</summary>
internal sealed record DeviceRegistryOptions
{
    /// <summary>Directory for the snapshot and journal; created when missing.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>A device not heard from for this long is not alive (heartbeats come every 10 s by default).</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>The journal is folded into the snapshot after this many entries.</summary>
    public int CompactAfter { get; init; } = 10_000;

    /// <summary>How often the journal is flushed to the disk (it reaches the OS at once, surviving a crash of the bridge).</summary>
    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws on a value that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(StateDirectory)) throw new ArgumentException("Devices:StateDirectory is required");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HeartbeatTimeout, TimeSpan.Zero, nameof(HeartbeatTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(CompactAfter, 1, nameof(CompactAfter));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FsyncInterval, TimeSpan.Zero, nameof(FsyncInterval));
    }
}
