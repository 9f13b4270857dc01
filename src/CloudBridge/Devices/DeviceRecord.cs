using System.Collections.Immutable;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.CloudBridge.Devices;

/// <summary>What the bridge knows of one device: what it last reported, and when it was last heard from.</summary>
internal sealed record DeviceRecord
{
    /// <summary>The device.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The agent's outbox stream the sequences below belong to (null before the first change).</summary>
    public string? Stream { get; init; }

    /// <summary>The highest sequence applied from <see cref="Stream"/>.</summary>
    public long LastSequence { get; init; }

    /// <summary>Streams the device used before (its data was wiped); late messages from them are dropped.</summary>
    public ImmutableList<string> RetiredStreams { get; init; } = [];

    /// <summary>Every workload the device reported, by id.</summary>
    public ImmutableDictionary<WorkloadId, WorkloadStatus> Workloads { get; init; } = ImmutableDictionary<WorkloadId, WorkloadStatus>.Empty;

    /// <summary>The device's facts (arch, profile, capacity, agent version).</summary>
    public DeviceInfo? Device { get; init; }

    /// <summary>The desired version the device last applied.</summary>
    public long AppliedVersion { get; init; }

    /// <summary>When the device observed its last applied change.</summary>
    public DateTimeOffset? ReportedAt { get; init; }

    /// <summary>The last presence the device (or its last will) announced; null when never heard.</summary>
    public bool? Online { get; init; }

    /// <summary>When the bridge received the last presence message.</summary>
    public DateTimeOffset? PresenceAt { get; init; }

    /// <summary>When the bridge last received anything from the device (change, heartbeat, presence).</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>The last heartbeat.</summary>
    public HeartbeatMessage? LastHeartbeat { get; init; }

    /// <summary>The last thing the device refused, with its reason.</summary>
    public RejectedMessage? LastRejection { get; init; }

    /// <summary>Payloads from this device the bridge refused (malformed, oversized, inconsistent).</summary>
    public long RefusedPayloads { get; init; }

    /// <summary>Changes dropped because their sequence was already applied.</summary>
    public long Duplicates { get; init; }

    /// <summary>Sequences folded into a later twin report (IoT Hub): superseded before the bridge read the twin, not lost.</summary>
    public long FoldedSequences { get; init; }

    /// <summary>Sequences that never arrived and were skipped over (should stay 0; see docs/mqtt.md).</summary>
    public long SkippedSequences { get; init; }

    /// <summary>
    /// Whether the device counts as alive at <paramref name="now"/>: it did not announce itself offline and was
    /// heard from within <paramref name="timeout"/>.
    /// </summary>
    public bool IsAlive(DateTimeOffset now, TimeSpan timeout) => Online != false && LastSeen is { } seen && now - seen <= timeout;
}
