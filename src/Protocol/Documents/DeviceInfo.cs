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

    /// <summary>Equal facts, addresses compared by content (a record compares a list by reference, and every decoded message has its own).</summary>
    public bool Equals(DeviceInfo? other) =>
        other is not null && Arch == other.Arch && Profile == other.Profile && Capacity == other.Capacity && AgentVersion == other.AgentVersion
        && OperatingSystem == other.OperatingSystem
        && (Addresses is null ? other.Addresses is null : other.Addresses is not null && Addresses.SequenceEqual(other.Addresses));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Arch);
        hash.Add(Profile);
        hash.Add(Capacity);
        hash.Add(AgentVersion);
        hash.Add(OperatingSystem);
        foreach (var address in Addresses ?? []) hash.Add(address);
        return hash.ToHashCode();
    }
}

/// <summary>Allocatable resources of a device.</summary>
public sealed record DeviceCapacity(int CpuMillis, long MemoryBytes, int Pods, long StorageBytes);
