using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Profiles;

namespace EdgeWasm.CloudBridge.Fleet;

/// <summary>A device the bridge serves, as known at one moment: its node, its facts, its profile and what it last reported.</summary>
internal sealed record ManagedDevice
{
    /// <summary>The device id (MQTT topic level and username).</summary>
    public required string DeviceId { get; init; }

    /// <summary>Its node's name.</summary>
    public required string NodeName { get; init; }

    /// <summary>What the device reported of itself, or what its configured profile says until it does; null when neither is known yet.</summary>
    public DeviceInfo? Info { get; init; }

    /// <summary>Its hardware profile; null when the profile is unknown to the bridge (see <see cref="ProfileProblem"/>).</summary>
    public HardwareProfile? Profile { get; init; }

    /// <summary>Why <see cref="Profile"/> is null, when it is.</summary>
    public string? ProfileProblem { get; init; }

    /// <summary>Everything the device reported, or null when it was never heard from.</summary>
    public DeviceRecord? Record { get; init; }

    /// <summary>Whether the device answers at <see cref="Now"/>.</summary>
    public required DeviceLiveness Liveness { get; init; }

    /// <summary>When this snapshot was taken.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The address the device advertises (its pods' hostIP and podIP), or null when it reported none.</summary>
    public string? Address => Info?.Addresses is [var first, ..] ? first : null;

    /// <summary>The highest desired version the device says it stored (reported changes and heartbeats).</summary>
    public long AppliedVersion => Math.Max(Record?.AppliedVersion ?? 0, Record?.LastHeartbeat?.AppliedVersion ?? 0);
}
