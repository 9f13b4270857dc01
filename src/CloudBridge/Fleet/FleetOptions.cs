namespace EdgeWasm.CloudBridge.Fleet;

/// <summary>Which devices the bridge serves.</summary>
internal sealed record FleetOptions
{
    /// <summary>Devices that get a node whether or not they have been heard from (with a profile, at once; without, once they report).</summary>
    public IReadOnlyList<ConfiguredDevice> Configured { get; init; } = [];

    /// <summary>Also serve every device that reports itself on the broker (its DeviceInfo), configured or not.</summary>
    public bool Discover { get; init; } = true;

    /// <summary>Where hardware profiles are read from.</summary>
    public string ProfilesDirectory { get; init; } = Protocol.Profiles.ProfileLoader.DefaultDirectory;

    /// <summary>A device not heard from for this long is offline (its agent heartbeats every 10 s).</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(40);
}
