using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Nodes;

/// <summary>What a device's Node object is built from.</summary>
internal sealed record NodeInputs
{
    /// <summary>The device, as last reported (arch, profile, capacity, agent version).</summary>
    public required DeviceInfo Device { get; init; }

    /// <summary>Whether the device answers and when it was last seen.</summary>
    public required DeviceLiveness Liveness { get; init; }

    /// <summary>Settings shared by all nodes.</summary>
    public required NodeOptions Options { get; init; }

    /// <summary>The node as it is in the cluster, if it exists: labels, annotations and taints others added are kept, and transition times.</summary>
    public Node? Previous { get; init; }

    /// <summary>The current time.</summary>
    public required DateTimeOffset Now { get; init; }
}
