using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.Protocol.Profiles;

/// <summary>
/// What a kind of device offers (hardware/profiles/NAME.json): the agent admits workloads against its allocatable
/// resources and fills unset limits from its defaults; the bridge advertises the same allocatable as node capacity.
/// </summary>
public sealed partial record HardwareProfile
{
    /// <summary>The JSON schema reference editors use; ignored otherwise.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>The profile's name, equal to its file name, e.g. raspberry-pi-4-4gb.</summary>
    public required string Name { get; init; }

    /// <summary>What the device is, for people.</summary>
    public string? Description { get; init; }

    /// <summary>CPU architecture in Kubernetes (GOARCH) terms: arm64, arm or amd64.</summary>
    public required string Arch { get; init; }

    /// <summary>CPU cores.</summary>
    public required int Cores { get; init; }

    /// <summary>Physical memory in bytes.</summary>
    public required long MemoryBytes { get; init; }

    /// <summary>Memory kept back for the OS and the agent itself; workloads never get it.</summary>
    public required long ReservedMemoryBytes { get; init; }

    /// <summary>Storage for cached modules, in bytes (the module cache's LRU budget).</summary>
    public required long StorageBudgetBytes { get; init; }

    /// <summary>At most this many workloads run at once.</summary>
    public required int MaxWorkloads { get; init; }

    /// <summary>How much fuel (one unit per wasm instruction) one core burns per second; <c>edgewasm calibrate</c> measures it.</summary>
    public required long FuelPerCoreSecond { get; init; }

    /// <summary>Limits for a workload that sets none: memory and fuel per second are required, the deadline optional.</summary>
    public required WorkloadLimits DefaultLimits { get; init; }

    /// <summary>The architectures a profile may name.</summary>
    public static IReadOnlyList<string> Architectures { get; } = ["arm64", "arm", "amd64"];

    /// <summary>What workloads may use in total: every core, memory less the reserve, one pod per workload slot, the storage budget.</summary>
    [JsonIgnore]
    public DeviceCapacity Allocatable => new(Cores * 1000, MemoryBytes - ReservedMemoryBytes, MaxWorkloads, StorageBudgetBytes);

    /// <summary>Fuel per second that one millicore of CPU buys, so a Kubernetes CPU limit converts to fuel.</summary>
    public long FuelPerSecondForMillicores(long millicores) => checked(millicores * FuelPerCoreSecond / 1000);

    /// <summary>A workload's limits with every unset value taken from <see cref="DefaultLimits"/>.</summary>
    public WorkloadLimits ResolveLimits(WorkloadLimits requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        return new WorkloadLimits
        {
            MemoryBytes = requested.MemoryBytes ?? DefaultLimits.MemoryBytes,
            FuelPerSecond = requested.FuelPerSecond ?? DefaultLimits.FuelPerSecond,
            DeadlineMs = requested.DeadlineMs ?? DefaultLimits.DeadlineMs,
        };
    }

    /// <summary>Every rule the profile breaks (empty when it is sound), each naming the field.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok) errors.Add(message);
        }

        Check(NamePattern().IsMatch(Name ?? ""), $"name '{Name}' must be lowercase words joined by '-'");
        Check(Architectures.Contains(Arch), $"arch '{Arch}' must be one of {string.Join(", ", Architectures)}");
        Check(Cores is >= 1 and <= 1024, $"cores {Cores} must be between 1 and 1024");
        Check(MemoryBytes >= 64L << 20, $"memoryBytes {MemoryBytes} must be at least 64 MiB");
        Check(ReservedMemoryBytes >= 0 && ReservedMemoryBytes < MemoryBytes, $"reservedMemoryBytes {ReservedMemoryBytes} must be at least 0 and below memoryBytes {MemoryBytes}");
        Check(StorageBudgetBytes >= 1L << 20, $"storageBudgetBytes {StorageBudgetBytes} must be at least 1 MiB");
        Check(MaxWorkloads >= 1, $"maxWorkloads {MaxWorkloads} must be at least 1");
        Check(FuelPerCoreSecond >= 1, $"fuelPerCoreSecond {FuelPerCoreSecond} must be at least 1");
        if (DefaultLimits is null)
        {
            errors.Add("defaultLimits is required");
            return errors;
        }

        var allocatableMemory = MemoryBytes - ReservedMemoryBytes;
        Check(DefaultLimits.MemoryBytes is { } memory && memory >= 64 * 1024 && memory <= allocatableMemory,
            $"defaultLimits.memoryBytes {DefaultLimits.MemoryBytes} is required, at least one wasm page (65536) and at most the allocatable {allocatableMemory}");
        Check(DefaultLimits.FuelPerSecond is { } fuel && fuel >= 1 && fuel <= (long)Cores * FuelPerCoreSecond,
            $"defaultLimits.fuelPerSecond {DefaultLimits.FuelPerSecond} is required, at least 1 and at most cores × fuelPerCoreSecond");
        Check(DefaultLimits.DeadlineMs is null or >= 1, $"defaultLimits.deadlineMs {DefaultLimits.DeadlineMs} must be at least 1 when set");
        return errors;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
