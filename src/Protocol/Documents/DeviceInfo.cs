namespace EdgeWasm.Protocol.Documents;

/// <summary>Facts about a device that the bridge turns into node labels, capacity and nodeInfo.</summary>
public sealed record DeviceInfo
{
    /// <summary>CPU architecture of the host, e.g. arm64.</summary>
    public required string Arch { get; init; }

    /// <summary>Hardware profile name, e.g. raspberry-pi-4-4gb.</summary>
    public required string Profile { get; init; }

    /// <summary>What the profile allows.</summary>
    public required DeviceCapacity Capacity { get; init; }

    /// <summary>The agent's version.</summary>
    public required string AgentVersion { get; init; }

    /// <summary>Host OS description.</summary>
    public string? OperatingSystem { get; init; }

    /// <summary>
    /// The device's IP addresses, the one to advertise first: its workloads listen there, so it becomes the pod's
    /// <c>status.hostIP</c> and <c>status.podIP</c>. Null from agents that do not report addresses.
    /// </summary>
    public IReadOnlyList<string>? Addresses { get; init; }
}

/// <summary>Allocatable resources of a device.</summary>
public sealed record DeviceCapacity(int CpuMillis, long MemoryBytes, int Pods, long StorageBytes);
