using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>coordination.k8s.io/v1 LeaseSpec. Its times are MicroTime (six fractional digits).</summary>
internal sealed record LeaseSpec : KubeModel
{
    /// <summary>Who holds the lease (the node name).</summary>
    public string? HolderIdentity { get; init; }

    /// <summary>How long the lease is valid after a renewal.</summary>
    public int? LeaseDurationSeconds { get; init; }

    /// <summary>When the current holder acquired it.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? AcquireTime { get; init; }

    /// <summary>When the holder last renewed it.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? RenewTime { get; init; }

    /// <summary>How many times the lease changed holder.</summary>
    public int? LeaseTransitions { get; init; }
}
